package io.mycelium.console.fx;

import io.mycelium.console.model.CommandResult;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;

/**
 * The one place an action waits for a yes: a bar across the top with the question, Yes and No.
 * Every action of the dashboard goes through it, so nothing changes a cluster on one click.
 */
final class ConfirmBar extends HBox {
    private final Label question = new Label();
    private final Button yes = new Button("Yes, do it");
    private final Button no = new Button("Cancel");
    private Supplier<CommandResult> pending;
    private final Consumer<CommandResult> done;

    ConfirmBar(Consumer<CommandResult> done) {
        this.done = done;
        getStyleClass().add("confirm");
        yes.setId("confirm-yes");
        no.setId("confirm-no");
        question.setId("confirm-question");
        yes.setDefaultButton(true);
        getChildren().addAll(question, yes, no);
        yes.setOnAction(e -> finish(true));
        no.setOnAction(e -> finish(false));
        hide();
    }

    /** Asks {@code text}; on yes runs {@code action} and reports its result. */
    void ask(String text, Supplier<CommandResult> action) {
        question.setText(text);
        pending = action;
        setVisible(true);
        setManaged(true);
        yes.requestFocus();
    }

    boolean waiting() {
        return pending != null;
    }

    void finish(boolean confirmed) {
        Supplier<CommandResult> p = pending;
        String what = question.getText();
        hide();
        if (p != null) {
            done.accept(confirmed ? p.get() : CommandResult.ok("cancelled: " + what));
        }
    }

    private void hide() {
        pending = null;
        setVisible(false);
        setManaged(false);
    }
}
