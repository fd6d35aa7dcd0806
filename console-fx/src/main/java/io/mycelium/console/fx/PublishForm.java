package io.mycelium.console.fx;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;

/**
 * Publish a spore: a {@code .spore} file, typed or picked with a file chooser, uploaded to a live
 * agent of the current cluster after a confirmation, signed with the operator key, through the
 * model's {@code :publish} (the path {@code mesh publish} and the terminal console take).
 */
final class PublishForm extends VBox {
    final TextField file = new TextField();
    final Button choose = new Button("Choose\u2026");
    final Button publish = new Button("Publish\u2026");
    final Label problem = new Label();

    PublishForm() {
        setSpacing(6);
        file.setId("publish-file");
        file.setPromptText("out/billing-1.0.0.spore (mesh spore pack makes one)");
        file.setPrefColumnCount(40);
        HBox.setHgrow(file, Priority.ALWAYS);
        choose.setId("publish-choose");
        choose.setOnAction(e -> chooseFile());
        publish.setId("publish");
        problem.setId("publish-problem");
        problem.getStyleClass().add("error");
        file.textProperty().addListener((o, a, b) -> check());
        getChildren().addAll(new Label("Upload a signed spore into a live agent's repository; peers fetch it from there, "
                        + "and a plan can then run it (its digest goes in the plan form)."),
                new HBox(6, new Label("spore file"), file, choose, publish), problem);
        check();
    }

    /** The file to publish, or null with the reason shown under the field. */
    Path path() {
        String t = file.getText().strip();
        if (t.isEmpty()) {
            problem.setText("");
            return null;
        }
        Path p = Path.of(t);
        if (!Files.isRegularFile(p)) {
            problem.setText("no file " + p.toAbsolutePath().normalize() + ": give the path of a .spore file");
            return null;
        }
        problem.setText(t.contains(" ") ? "the :publish command takes a path without spaces: move or rename the file" : "");
        return t.contains(" ") ? null : p;
    }

    private void check() {
        publish.setDisable(path() == null);
    }

    private void chooseFile() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Publish a spore");
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("Spores", "*.spore"));
        File picked = chooser.showOpenDialog(getScene() == null ? null : getScene().getWindow());
        if (picked != null) {
            file.setText(picked.getPath());
        }
    }
}
