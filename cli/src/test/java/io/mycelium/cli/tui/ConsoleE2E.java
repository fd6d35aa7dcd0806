package io.mycelium.cli.tui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;
import com.googlecode.lanterna.screen.TerminalScreen;
import com.googlecode.lanterna.terminal.virtual.DefaultVirtualTerminal;
import io.mycelium.cli.CliRun;
import io.mycelium.cli.up.MeshUpProcess;
import io.mycelium.console.model.ClusterSession;
import io.mycelium.console.model.ConsoleModel;
import io.mycelium.console.tui.TerminalConsole;
import io.mycelium.fabric.model.Json;
import io.mycelium.fabric.model.Plan;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The terminal console against real processes ({@link MeshUpProcess}: 3 agents and an edge): it
 * joins as a console member found from the work dir, a plan applied from its command line (billing
 * x 3) shows its instances in the graph and the instances view, a scale from the console (to 1)
 * is what {@code mesh apps} reports. Run by the e2e profile.
 */
@Tag("e2e")
class ConsoleE2E {
    private static final Duration PHASE = Duration.ofSeconds(180);

    private MeshUpProcess mesh;
    private FabricSource source;

    @BeforeEach
    void start() throws Exception {
        mesh = MeshUpProcess.start();
    }

    @AfterEach
    void stop() throws Exception {
        if (source != null) {
            source.close();
        }
        if (mesh != null) {
            mesh.close();
        }
    }

    @Test
    @Timeout(value = 12, unit = TimeUnit.MINUTES)
    void planAndScaleFromTheConsoleAreSeenOnScreenAndByMeshApps() throws Exception {
        Path dir = mesh.work().resolve("mesh");
        source = FabricSource.join(ClusterTarget.ofWorkDir(dir), "127.0.0.1", null, null);
        ClusterSession session = new ClusterSession(source, source.trust());
        ConsoleModel model = new ConsoleModel(java.util.List.of(session), false, System::currentTimeMillis);
        DefaultVirtualTerminal terminal = new DefaultVirtualTerminal(new TerminalSize(160, 45));
        TerminalScreen screen = new TerminalScreen(terminal);
        screen.startScreen();
        TerminalConsole console = new TerminalConsole(model, screen);
        try {
            await("the console sees 3 agents and the edge").atMost(PHASE).pollInterval(Duration.ofMillis(200))
                    .until(() -> {
                        console.draw();
                        return text(terminal).contains("3 agents, 1 edge") && session.view().plan("billing").isPresent();
                    });

            Plan billing = session.view().plan("billing").orElseThrow().withInstances(3);
            Path file = mesh.work().resolve("billing-x3.json");
            Files.writeString(file, Json.write(billing));
            type(console, ":apply " + file);
            console.press(new KeyStroke(KeyType.Enter));
            assertThat(row(terminal, 43)).startsWith("apply plan billing: 3 x ");

            await("three billing hyphae in the graph").atMost(PHASE).pollInterval(Duration.ofMillis(250)).until(() -> {
                console.draw();
                return count(text(terminal), "─● billing-") == 3 && !text(terminal).contains("launching");
            });
            type(console, ":instances billing");
            console.press(new KeyStroke(KeyType.Enter));
            assertThat(row(terminal, 2)).contains("instances billing │ 3 rows");

            type(console, ":scale billing 1");
            console.press(new KeyStroke(KeyType.Enter));
            assertThat(row(terminal, 43)).startsWith("scale billing 3 -> 1 submitted");
            String api = "http://127.0.0.1:" + mesh.apiBase();
            await("mesh apps shows billing 1/1").atMost(PHASE).pollInterval(Duration.ofMillis(500)).until(() -> {
                CliRun r = CliRun.run(mesh.work(), "apps", "--api", api, "-o", "json");
                for (JsonNode app : r.json().path("apps")) {
                    if (app.path("app").asText().equals("billing")) {
                        return app.path("desired").asInt() == 1 && app.path("ready").asInt() == 1;
                    }
                }
                return false;
            });
            type(console, ":events billing");
            console.press(new KeyStroke(KeyType.Enter));
            assertThat(text(terminal)).contains("scale billing 3 -> 1").contains("verified");
        } finally {
            screen.stopScreen();
        }
    }

    private static void type(TerminalConsole console, String text) {
        for (char c : text.toCharArray()) {
            console.press(new KeyStroke(c, false, false));
        }
    }

    private static String row(DefaultVirtualTerminal t, int r) {
        StringBuilder sb = new StringBuilder();
        for (int c = 0; c < t.getTerminalSize().getColumns(); c++) {
            sb.append(t.getCharacter(c, r).getCharacterString());
        }
        return sb.toString().stripTrailing();
    }

    private static String text(DefaultVirtualTerminal t) {
        StringBuilder sb = new StringBuilder();
        for (int r = 0; r < t.getTerminalSize().getRows(); r++) {
            sb.append(row(t, r)).append('\n');
        }
        return sb.toString();
    }

    private static int count(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
            n++;
        }
        return n;
    }
}
