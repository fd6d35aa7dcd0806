package io.mycelium.cli.fx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mycelium.cli.CliContext;
import io.mycelium.cli.tui.ConsoleOptions;
import io.mycelium.cli.up.MeshUpProcess;
import io.mycelium.console.fx.Dashboard;
import io.mycelium.console.fx.FxConsole;
import io.mycelium.console.fx.Selection;
import io.mycelium.console.fx.Theme;
import io.mycelium.console.model.AppRow;
import io.mycelium.console.model.ClusterSession;
import io.mycelium.console.model.ConsoleModel;
import io.mycelium.console.model.NodeRow;
import io.mycelium.spore.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The desktop dashboard against real processes ({@link MeshUpProcess}: 3 agents and an edge),
 * headless under Monocle: it joins as a console member found from the work dir (the options of
 * {@code mesh fx --dir DIR}), shows the agents,
 * a selected agent's capacity in the side panel, and a scale through the side panel's action
 * (confirmed in the confirm bar, signed) changes the number of billing instances the cluster
 * runs. Run by the e2e profile.
 */
@Tag("e2e")
class DashboardE2E {
    private static final Duration PHASE = Duration.ofSeconds(120);

    private MeshUpProcess mesh;
    private final List<AutoCloseable> sources = new ArrayList<>();
    private Dashboard dash;

    @AfterEach
    void stop() throws Exception {
        if (dash != null) {
            FxConsole.onFx(() -> {
                dash.stop();
                return null;
            });
        }
        ConsoleOptions.closeAll(sources);
        if (mesh != null) {
            mesh.close();
        }
    }

    @Test
    @Timeout(value = 8, unit = TimeUnit.MINUTES)
    void selectsANodeAndScalesAnAppOnALiveCluster() throws Exception {
        mesh = MeshUpProcess.start();
        // the options mesh fx --dir DIR parses, opened the way mesh fx opens them
        ConsoleOptions options = picocli.CommandLine.populateCommand(new ConsoleOptions(), "--dir", mesh.work().resolve("mesh").toString());
        List<ClusterSession> sessions = options.open(new CliContext(Map.of(), mesh.work(), Clock.SYSTEM), sources);
        assertThat(sessions).hasSize(1);
        ClusterSession session = sessions.getFirst();
        ConsoleModel model = new ConsoleModel(List.of(session), false, System::currentTimeMillis);
        FxCommand.headless(new int[] {1400, 900});
        FxConsole.startToolkit();
        FxConsole.onFx(() -> {
            dash = new Dashboard(model, Theme.DARK, System::currentTimeMillis);
            Stage stage = new Stage();
            stage.setScene(dash.scene(1400, 900));
            stage.show();
            dash.start();
            return null;
        });

        await("the dashboard sees 3 agents and billing ready").atMost(PHASE).pollInterval(Duration.ofMillis(250))
                .until(() -> labels().stream().anyMatch(t -> t.contains("3 agents, 1 edge")) && billing(session).map(a -> a.ready() >= 1).orElse(false));
        String agent = session.snapshot().nodes().stream().filter(n -> n.role().equals("agent")).map(NodeRow::id).findFirst().orElseThrow();
        FxConsole.onFx(() -> {
            dash.select(new Selection(Selection.Kind.NODE, agent));
            return null;
        });
        assertThat(labels()).contains("node " + agent).anySatisfy(t -> assertThat(t).contains(" milli ("));

        int from = billing(session).orElseThrow().desired();
        int to = from == 1 ? 2 : 1;
        FxConsole.onFx(() -> {
            dash.select(new Selection(Selection.Kind.APP, "billing"));
            ((TextField) dash.root().lookup("#scale-count")).setText(String.valueOf(to));
            ((Button) dash.root().lookup("#scale")).fire();
            return null;
        });
        assertThat(FxConsole.onFx(() -> ((Label) dash.root().lookup("#confirm-question")).getText())).startsWith("scale billing " + from + " -> " + to + " in ").contains("credits/h").endsWith("y/n");
        assertThat(billing(session).orElseThrow().desired()).as("nothing changes before the yes").isEqualTo(from);
        FxConsole.onFx(() -> {
            ((Button) dash.root().lookup("#confirm-yes")).fire();
            return null;
        });
        assertThat(FxConsole.onFx(() -> ((Label) dash.root().lookup("#status")).getText())).contains("scale billing " + from + " -> " + to + " submitted");
        await("billing runs " + to + " ready instance(s)").atMost(PHASE).pollInterval(Duration.ofMillis(250)).until(() -> {
            Optional<AppRow> b = billing(session);
            long running = session.snapshot().instances().stream().filter(i -> i.app().equals("billing") && i.state().equals("READY")).count();
            return b.isPresent() && b.get().desired() == to && b.get().ready() == to && running == to;
        });
    }

    private static Optional<AppRow> billing(ClusterSession session) {
        return session.snapshot().apps().stream().filter(a -> a.app().equals("billing")).findFirst();
    }

    private List<String> labels() throws InterruptedException {
        return FxConsole.onFx(() -> dash.root().lookupAll(".label").stream().map(n -> ((Label) n).getText()).toList());
    }

}
