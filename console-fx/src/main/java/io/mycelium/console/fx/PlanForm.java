package io.mycelium.console.fx;

import io.mycelium.fabric.model.Plan;
import io.mycelium.spore.digest.Digest;
import java.util.Optional;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;

/**
 * Apply a plan: app, spore digest, instances, cpu and memory, checked as you type (the plan's own
 * rules, so the form and {@code mesh plan apply} refuse the same things), or a plan JSON file.
 * The Apply buttons are enabled only when what they would send is valid.
 */
final class PlanForm extends GridPane {
    final TextField app = field("plan-app", "billing");
    final TextField digest = field("plan-digest", "sha256:...");
    final TextField instances = field("plan-instances", "3");
    final TextField cpu = field("plan-cpu", "250");
    final TextField memory = field("plan-memory", "128");
    final TextField file = field("plan-file", "examples/billing/plan.json");
    final Label problem = new Label();
    final Button apply = new Button("Apply plan\u2026");
    final Button applyFile = new Button("Apply file\u2026");

    PlanForm() {
        setHgap(6);
        setVgap(4);
        problem.setId("plan-problem");
        problem.getStyleClass().add("error");
        problem.setWrapText(true);
        apply.setId("plan-apply");
        applyFile.setId("plan-apply-file");
        // four rows, so that the whole form and its buttons fit the bottom tab of a 1024x640 window
        instances.setPrefColumnCount(6);
        cpu.setPrefColumnCount(6);
        memory.setPrefColumnCount(6);
        digest.setPrefColumnCount(40);
        addRow(0, new Label("app"), app, new Label("digest"));
        add(digest, 3, 0, 4, 1);
        addRow(1, new Label("instances"), instances, new Label("cpu milli"), cpu, new Label("memory MiB"), memory, apply);
        add(problem, 0, 2, 8, 1);
        addRow(3, new Label("or file"), file);
        add(applyFile, 2, 3, 2, 1);
        for (TextField f : new TextField[] {app, digest, instances, cpu, memory, file}) {
            f.textProperty().addListener((o, a, b) -> check());
        }
        check();
    }

    private static TextField field(String id, String prompt) {
        TextField f = new TextField();
        f.setId(id);
        f.setPromptText(prompt);
        f.setPrefColumnCount(18);
        return f;
    }

    /** The plan the fields describe, or empty with the reason in {@link #problem}. */
    Optional<Plan> plan() {
        try {
            if (app.getText().isBlank()) {
                throw new IllegalArgumentException("give the app's name");
            }
            Digest d = Digest.parse(digest.getText().strip());
            Plan p = Plan.of(app.getText().strip(), d, number(instances, "instances"))
                    .withNutrients(number(cpu, "cpu milli"), number(memory, "memory MiB"));
            return Optional.of(p);
        } catch (RuntimeException e) {
            problem.setText(e.getMessage());
            return Optional.empty();
        }
    }

    private static int number(TextField f, String what) {
        String t = f.getText().strip();
        if (t.isEmpty()) {
            return what.equals("instances") ? failNumber(what, t) : 0;
        }
        try {
            return Integer.parseInt(t);
        } catch (NumberFormatException e) {
            return failNumber(what, t);
        }
    }

    private static int failNumber(String what, String t) {
        throw new IllegalArgumentException(what + " must be a whole number" + (t.isEmpty() ? "" : ", not '" + t + "'"));
    }

    private void check() {
        problem.setText("");
        boolean ok = plan().isPresent();
        apply.setDisable(!ok);
        applyFile.setDisable(file.getText().isBlank());
    }
}
