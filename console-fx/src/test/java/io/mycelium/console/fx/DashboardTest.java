package io.mycelium.console.fx;

import static org.assertj.core.api.Assertions.assertThat;

import io.mycelium.console.model.ClusterSession;
import io.mycelium.console.model.ConsoleModel;
import io.mycelium.console.source.InMemorySource;
import io.mycelium.console.source.SimulatedCluster;
import io.mycelium.fabric.model.InstanceState;
import io.mycelium.fabric.model.Plan;
import io.mycelium.fabric.model.RecordKind;
import io.mycelium.fabric.model.RolloutCommand;
import io.mycelium.fabric.model.UpdateStrategy;
import io.mycelium.fabric.state.FabricRecord;
import io.mycelium.spore.key.SigningKey;
import io.mycelium.spore.key.TrustStore;
import io.mycelium.fabric.model.Budget;
import io.mycelium.fabric.model.Usage;
import io.mycelium.fabric.state.OperatorRecords;
import io.mycelium.spore.manifest.Identity;
import io.mycelium.spore.manifest.Manifest;
import io.mycelium.spore.manifest.Nutrients;
import io.mycelium.spore.manifest.RuntimeKind;
import io.mycelium.spore.manifest.RuntimeSpec;
import io.mycelium.spore.pack.PackedSpore;
import io.mycelium.spore.pack.SporePacker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javafx.geometry.Point2D;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The dashboard on a model fed a known cluster (3 agents, an edge, billing x3 blue/green with one
 * failing instance, search x2), headless under Monocle: what it shows, a click on a hub, the plan
 * form with its validation, a rollout started, promoted and aborted; screenshots to target/fx-screenshots.
 */
@ExtendWith(ApplicationExtension.class)
class DashboardTest {
    static final Path SHOTS = Path.of("target", "fx-screenshots");

    private final SigningKey key = SigningKey.generate();
    private InMemorySource source;
    private Dashboard dash;

    @Start
    void start(Stage stage) {
        source = new InMemorySource("lab", System::currentTimeMillis, key);
        SimulatedCluster c = new SimulatedCluster(source, key, 3);
        c.plan(Plan.of("billing", SimulatedCluster.digest("billing-v1"), 3).withNutrients(250, 128)
                        .withStrategy(UpdateStrategy.blueGreen(null)))
                .run("billing", "billing-v1", 2)
                .instance("agent-3", "billing", 2, "billing-v1", InstanceState.FAILED, 4)
                .app("search", "search-v1", 2)
                .traffic(Map.of("billing", 120.0, "search", 8.0), Map.of("billing", 35.0, "search", 4.0))
                .calls("agent-2", Map.of("search", 14.0));
        source.logs("billing-0-v1", List.of("listening on 20000", "GET /invoices 200", "GET /invoices/7 404"));
        ConsoleModel model = new ConsoleModel(List.of(new ClusterSession(source, Optional.of(TrustStore.of(key.verifyingKey())))),
                false, System::currentTimeMillis);
        dash = new Dashboard(model, Theme.DARK, System::currentTimeMillis);
        stage.setScene(dash.scene(1400, 900));
        stage.show();
        dash.start();
    }

    private void await(String what, java.util.concurrent.Callable<Boolean> condition) throws Exception {
        try {
            WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, condition);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("waited 10 s for: " + what + " (status line: '" + dash.status.getText() + "')", e);
        }
    }

    private String text(FxRobot robot, String id) {
        return robot.lookup(id).queryAs(Label.class).getText();
    }

    private void shot(FxRobot robot, String name) throws Exception {
        robot.interact(() -> {
            try {
                FxConsole.write(dash.scene(1400, 900), SHOTS.resolve(name));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        assertThat(SHOTS.resolve(name)).isNotEmptyFile();
    }

    @Test
    void showsTheKnownClusterAndAClickOnAHubShowsItsCapacity(FxRobot robot) throws Exception {
        await("the graph painted agent-2", () -> dash.graph.where("agent-2").isPresent());
        assertThat(text(robot, "#health")).contains("degraded").contains("3 agents, 1 edge").contains("1 app below plan");
        robot.interact(() -> dash.graph.fit());
        await("agent-2 after fit", () -> dash.graph.where("agent-2").isPresent());
        Point2D at = dash.graph.where("agent-2").orElseThrow();
        robot.clickOn(dash.graph.localToScreen(at));
        await("agent-2 selected", () -> dash.selection().equals(new Selection(Selection.Kind.NODE, "agent-2")));
        assertThat(robot.lookup("#side").queryParent().lookupAll(".label")).extracting(n -> ((Label) n).getText())
                .contains("node agent-2").anySatisfy(t -> assertThat(t).contains("4000 milli"));
        shot(robot, "dashboard-dark.png");

        robot.interact(() -> dash.select(new Selection(Selection.Kind.INSTANCE, "billing-0-v1")));
        await("the log tail", () -> dash.side.log.getText().contains("GET /invoices/7 404"));
        robot.clickOn("#log-search").write("404");
        await("the log search", () -> dash.side.log.getText().equals("GET /invoices/7 404"));
        robot.interact(() -> dash.bottom.getSelectionModel().select(1));
        robot.interact(() -> dash.theme(Theme.LIGHT));
        shot(robot, "instance-events-light.png");
        assertThat(dash.events.getItems()).anySatisfy(e -> assertThat(e.text()).contains("plan billing"));
    }

    @Test
    void thePlanFormValidatesAsYouTypeAndAppliesASignedPlanAfterAYes(FxRobot robot) throws Exception {
        robot.interact(() -> dash.bottom.getSelectionModel().select(2));
        PlanForm f = dash.planForm;
        robot.clickOn("#plan-app").write("payments");
        robot.clickOn("#plan-digest").write("sha256:abc");
        await("a digest problem", () -> !f.problem.getText().isEmpty());
        assertThat(f.problem.getText()).contains("64 lowercase hex digits, got 'abc'");
        assertThat(f.apply.isDisabled()).isTrue();
        robot.interact(() -> f.digest.setText(SimulatedCluster.digest("payments-v1").toString()));
        robot.clickOn("#plan-instances").write("x");
        await("an instances problem", () -> f.problem.getText().contains("instances must be a whole number, not 'x'"));
        robot.interact(() -> f.instances.setText("20000"));
        assertThat(f.problem.getText()).contains("instances 20000 is not 0-10000");
        robot.interact(() -> f.instances.setText("2"));
        assertThat(f.problem.getText()).isEmpty();
        assertThat(f.apply.isDisabled()).isFalse();
        shot(robot, "plan-form.png");
        robot.clickOn("#plan-apply");
        await("the confirm question", () -> dash.confirm.waiting());
        assertThat(robot.lookup("#confirm-question").queryAs(Label.class).getText()).contains("Apply plan payments: 2 x");
        robot.clickOn("#confirm-yes");
        await("the plan submitted", () -> submitted(RecordKind.PLAN).stream().anyMatch(r -> r.key().name().equals("payments")));
        assertThat(text(robot, "#status")).contains("apply plan payments").contains("signed by");
        FabricRecord plan = submitted(RecordKind.PLAN).getLast();
        assertThat(plan.value(Plan.class).orElseThrow().instances()).isEqualTo(2);
    }

    @Test
    void aRolloutIsStartedPromotedAndAbortedFromTheSidePanelEachAfterAYes(FxRobot robot) throws Exception {
        robot.interact(() -> dash.select(new Selection(Selection.Kind.APP, "billing")));
        await("the rollout buttons", () -> robot.lookup("#rollout-start").tryQuery().isPresent());
        String v2 = SimulatedCluster.digest("billing-v2").toString();
        robot.interact(() -> robot.lookup("#rollout-digest").queryAs(TextField.class).setText(v2));
        robot.clickOn("#rollout-start");
        robot.clickOn("#confirm-yes");
        await("rollout start", () -> actions().contains(RolloutCommand.Action.START));
        await("the rollout phase", () -> robot.lookup("#rollout-phase").tryQuery().isPresent());
        shot(robot, "rollout.png");

        robot.clickOn("#rollout-promote");
        assertThat(robot.lookup("#confirm-question").queryAs(Label.class).getText()).contains("Rollout promote billing in lab");
        robot.clickOn("#confirm-yes");
        await("rollout promote", () -> actions().contains(RolloutCommand.Action.PROMOTE));

        robot.clickOn("#rollout-abort");
        robot.clickOn("#confirm-no");
        await("the confirm bar closed", () -> !dash.confirm.waiting());
        assertThat(text(robot, "#status")).startsWith("cancelled: Rollout abort billing");
        assertThat(actions()).doesNotContain(RolloutCommand.Action.ABORT);
        robot.clickOn("#rollout-abort");
        robot.clickOn("#confirm-yes");
        await("rollout abort", () -> actions().contains(RolloutCommand.Action.ABORT));
        await("the confirm bar closed", () -> !dash.confirm.waiting());
        assertThat(text(robot, "#status")).contains("rollout abort billing submitted to lab");

        source.refuseNext("the fabric refused it: a newer rollout command is held");
        robot.clickOn("#rollout-resume");
        await("the confirm question", () -> dash.confirm.waiting());
        robot.clickOn("#confirm-yes");
        await("a refusal in place", () -> robot.lookup("#status").queryAs(Label.class).getStyleClass().contains("error"));
        assertThat(robot.lookup("#status").queryAs(Label.class).getText()).doesNotContain("Exception");
    }

    @Test
    void aSporeIsPublishedAfterAYesAndTheAppPanelShowsItsBudgetAndBurn(FxRobot robot, @TempDir Path dir) throws Exception {
        Path src = Files.createDirectories(dir.resolve("src"));
        Path run = Files.writeString(src.resolve("run.sh"), "#!/bin/sh\necho payments\n");
        Manifest m = Manifest.template(new Identity("payments", "1.2.0"), new RuntimeSpec(RuntimeKind.SCRIPT, null, List.of(), Map.of()))
                .withNutrients(new Nutrients(300, 96));
        PackedSpore spore = SporePacker.pack(m, List.of(run), key, Files.createDirectories(dir.resolve("out")));
        robot.interact(() -> dash.bottom.getSelectionModel().select(3));
        robot.interact(() -> dash.publishForm.file.setText(dir.resolve("missing.spore").toString()));
        assertThat(dash.publishForm.problem.getText()).contains("no file").contains("missing.spore");
        assertThat(dash.publishForm.publish.isDisabled()).isTrue();
        robot.interact(() -> dash.publishForm.file.setText(spore.path().toString()));
        assertThat(dash.publishForm.publish.isDisabled()).isFalse();
        robot.clickOn("#publish");
        await("the confirm question", () -> dash.confirm.waiting());
        assertThat(robot.lookup("#confirm-question").queryAs(Label.class).getText()).contains("Publish " + spore.path().getFileName())
                .contains("to a live agent of lab");
        assertThat(source.actions()).noneMatch(a -> a.startsWith("publish"));
        robot.clickOn("#confirm-yes");
        await("the spore published", () -> source.actions().contains("publish " + spore.digest()));
        assertThat(text(robot, "#status")).contains("publish payments 1.2.0").contains("signed by");

        source.put(OperatorRecords.sign(key, new Budget("billing", 50, 0, 1, 5, 10, System.currentTimeMillis()), "billing", 1, source.hlcNow()));
        source.publish("agent-1", new Usage("billing", 1000, 1000, 4_000_000, 2.5, 1, System.currentTimeMillis()));
        robot.interact(() -> dash.select(new Selection(Selection.Kind.APP, "billing")));
        await("the budget in the app panel", () -> robot.lookup("#budget-balance").tryQuery().isPresent()
                && robot.lookup("#budget-balance").queryAs(Label.class).getText().contains("balance 46.00 of 50.00 credits (4.00 spent)"));
        assertThat(robot.lookup("#side").queryParent().lookupAll(".label")).extracting(n -> ((Label) n).getText())
                .anySatisfy(t -> assertThat(t).contains("burn 2.500 credits/h, empty in 18.4 h"))
                .anySatisfy(t -> assertThat(t).contains("instances 1..5, priority 10"));
        robot.interact(() -> dash.bottom.getSelectionModel().select(0)); // the charts draw while their tab shows
        await("the burn chart", () -> dash.charts.burn.getTitle().contains("credits/h of billing (now 2.500)"));
    }

    private List<FabricRecord> submitted(RecordKind kind) {
        return source.submitted().stream().filter(r -> r.key().kind() == kind).toList();
    }

    private List<RolloutCommand.Action> actions() {
        return submitted(RecordKind.ROLLOUT).stream().map(r -> r.value(RolloutCommand.class).orElseThrow().action()).toList();
    }

    @SuppressWarnings("unused")
    private static Button button(FxRobot robot, String id) {
        return robot.lookup(id).queryAs(Button.class);
    }
}
