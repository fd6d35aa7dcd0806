package io.mycelium.console.fx;

import static org.assertj.core.api.Assertions.assertThat;

import io.mycelium.console.events.AuditEvent;
import io.mycelium.console.model.ClusterSession;
import io.mycelium.console.model.ConsoleModel;
import io.mycelium.console.source.InMemorySource;
import io.mycelium.console.source.SimulatedCluster;
import io.mycelium.spore.key.SigningKey;
import io.mycelium.spore.key.TrustStore;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javafx.event.Event;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BackgroundFill;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Two clusters open on one dashboard: the cluster switcher (each cluster and all merged), the
 * terminal console's keys as shortcuts (tab, a, t, ?, :, /, esc), dark and light themes, and the
 * events view (the signed audit trail with who signed and whether it verifies).
 */
@ExtendWith(ApplicationExtension.class)
class DashboardKeysTest {
    private final SigningKey key = SigningKey.generate();
    private Dashboard dash;
    private ConsoleModel model;

    @Start
    void start(Stage stage) {
        InMemorySource lab = new InMemorySource("lab", System::currentTimeMillis, key);
        new SimulatedCluster(lab, key, 2).app("billing", "billing-v1", 2);
        InMemorySource lab2 = new InMemorySource("lab2", System::currentTimeMillis, key);
        new SimulatedCluster(lab2, key, 3).app("search", "search-v1", 3);
        Optional<TrustStore> trust = Optional.of(TrustStore.of(key.verifyingKey()));
        model = new ConsoleModel(List.of(new ClusterSession(lab, trust), new ClusterSession(lab2, trust)), false, System::currentTimeMillis);
        dash = new Dashboard(model, Theme.DARK, System::currentTimeMillis);
        stage.setScene(dash.scene(1280, 800));
        stage.show();
        dash.start();
    }

    /** A key as the terminal console's user presses it, with nothing focused that takes text. */
    private void press(FxRobot robot, String text, KeyCode code) {
        robot.interact(() -> {
            dash.root().requestFocus();
            Event.fireEvent(dash.root(), new KeyEvent(KeyEvent.KEY_PRESSED, text, text, code, false, false, false, false));
        });
    }

    private void await(String what, java.util.concurrent.Callable<Boolean> condition) throws Exception {
        try {
            WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, condition);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("waited 10 s for: " + what + " (health: '" + dash.health.getText() + "')", e);
        }
    }

    @Test
    void clusterSwitcherKeysThemesAndTheEventsView(FxRobot robot) throws Exception {
        assertThat(dash.clusters.getItems()).containsExactly("lab", "lab2", Dashboard.ALL);
        await("lab drawn", () -> dash.graph.where("agent-2").isPresent() && dash.graph.where("agent-3").isEmpty());

        robot.interact(() -> dash.clusters.getSelectionModel().select("lab2"));
        await("lab2 from the switcher", () -> model.current().name().equals("lab2") && dash.graph.where("agent-3").isPresent());
        press(robot, "\t", KeyCode.TAB);
        await("tab: the next cluster", () -> model.current().name().equals("lab") && dash.clusters.getValue().equals("lab"));

        press(robot, "a", KeyCode.A);
        await("a: clusters merged", () -> dash.health.getText().equals("2 clusters merged"));
        assertThat(dash.graph.scene().parts()).extracting(p -> p.snapshot().cluster()).containsExactly("lab", "lab2");
        press(robot, "a", KeyCode.A);
        await("a again: one cluster", () -> dash.graph.scene().parts().size() == 1);

        press(robot, "t", KeyCode.T);
        assertThat(dash.theme()).isEqualTo(Theme.LIGHT);
        assertThat(dash.themeButton.getText()).isEqualTo("dark theme");
        BackgroundFill fill = dash.graph.getBackground().getFills().getFirst();
        assertThat(fill.getFill()).isEqualTo(Theme.LIGHT.background());
        press(robot, "t", KeyCode.T);
        assertThat(dash.theme()).isEqualTo(Theme.DARK);

        press(robot, "?", KeyCode.SLASH);
        assertThat(dash.bottom.getSelectionModel().getSelectedItem().getText()).isEqualTo("Help");
        press(robot, "/", KeyCode.SLASH);
        await("/ focuses the search", () -> dash.scene(1280, 800).getFocusOwner() == dash.search);
        press(robot, ":", KeyCode.SEMICOLON);
        await(": focuses the command line", () -> dash.scene(1280, 800).getFocusOwner() == dash.command);

        java.util.concurrent.atomic.AtomicBoolean ran = new java.util.concurrent.atomic.AtomicBoolean();
        robot.interact(() -> dash.confirm.ask("Scale billing to 5?", () -> {
            ran.set(true);
            return io.mycelium.console.model.CommandResult.failed("should not run");
        }));
        assertThat(dash.confirm.waiting()).isTrue();
        press(robot, "", KeyCode.ESCAPE);
        assertThat(dash.confirm.waiting()).as("esc cancels the question").isFalse();
        assertThat(ran).as("nothing signed or sent").isFalse();

        robot.interact(() -> dash.select(new Selection(Selection.Kind.NODE, "agent-1")));
        press(robot, "", KeyCode.ESCAPE);
        assertThat(dash.selection()).as("esc clears the selection").isEqualTo(Selection.NONE);

        robot.interact(() -> dash.bottom.getSelectionModel().select(1));
        await("the audit trail", () -> !dash.events.getItems().isEmpty());
        assertThat(dash.events.getItems()).anySatisfy(e -> {
            assertThat(e.kind()).isEqualTo(AuditEvent.Kind.PLAN);
            assertThat(e.text()).contains("plan billing");
            assertThat(e.signer()).isEqualTo(key.verifyingKey().id().shortForm());
            assertThat(e.trust()).isEqualTo(AuditEvent.Trust.VERIFIED);
        });
    }
}
