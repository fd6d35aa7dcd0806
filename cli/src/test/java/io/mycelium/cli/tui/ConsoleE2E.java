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
import io.mycelium.fabric.model.Role;
import io.mycelium.testing.ChildJvm;
import java.util.List;
import picocli.CommandLine;
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
            assertThat(row(terminal, 43)).startsWith("scale billing 3 -> 1 in ").contains("credits/h").endsWith("y/n");
            type(console, "y");
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

            otherWaysToOpenTheCluster(dir, api);
            zeroConfigurationOpensTheLocalMesh(dir);
        } finally {
            screen.stopScreen();
        }
    }

    /** {@code --agent URL} (the work dir's keyring found by the agent's cluster name) and {@code --join} with explicit keys, as mesh tui parses them. */
    private void otherWaysToOpenTheCluster(Path dir, String api) throws Exception {
        ClusterTarget local = ClusterTarget.ofWorkDir(dir);
        List<List<String>> ways = List.of(
                List.of("--agent", api, "--dir", dir.toString(), "--readonly"),
                List.of("--join", local.seeds().getFirst(), "--cluster", local.cluster(), "--cluster-key", dir.resolve("cluster.key").toString(),
                        "--key", dir.resolve("keys").resolve("operator.key").toString()));
        for (List<String> args : ways) {
            ConsoleOptions o = CommandLine.populateCommand(new ConsoleOptions(), args.toArray(String[]::new));
            List<ClusterTarget> targets = o.targets(null);
            assertThat(targets).as(String.join(" ", args)).hasSize(1);
            assertThat(targets.getFirst().cluster()).isEqualTo(local.cluster());
            try (FabricSource other = FabricSource.join(targets.getFirst(), "127.0.0.1", o.mdnsInterface, null)) {
                await(String.join(" ", args) + ": 3 agents and billing at 1").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
                        .until(() -> other.view().liveMembers(Role.AGENT).size() == 3
                                && other.view().plan("billing").map(Plan::instances).orElse(0) == 1);
                assertThat(other.operator()).as("%s signs with the work dir's operator key", String.join(" ", args)).isPresent();
            }
        }
    }

    /**
     * {@code mesh tui} with no argument, in a terminal (a pty from {@code script}) in the directory
     * that holds the mesh up work dir as {@code .mesh}: it finds the cluster, its keys and its
     * seeds there, draws the agents and their instances, and {@code q} ends it. Lanterna asks the
     * terminal for its size (a cursor position report); the test answers as a 120x40 terminal.
     */
    private void zeroConfigurationOpensTheLocalMesh(Path dir) throws Exception {
        Files.createSymbolicLink(mesh.work().resolve(".mesh"), dir);
        List<String> cmd = ChildJvm.command(List.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"), "io.mycelium.cli.Main", List.of("tui"));
        String shell = cmd.stream().map(a -> "'" + a.replace("'", "'\\''") + "'").collect(java.util.stream.Collectors.joining(" "));
        ProcessBuilder pb = new ProcessBuilder("script", "-qfec", "stty cols 120 rows 40; exec " + shell, "/dev/null")
                .directory(mesh.work().toFile()).redirectErrorStream(true);
        pb.environment().put("TERM", "xterm-256color");
        Process tui = pb.start();
        StringBuffer out = new StringBuffer();
        Thread reader = Thread.ofPlatform().daemon().name("e2e-tui-output").start(() -> {
            int answered = 0;
            try (var in = new java.io.InputStreamReader(tui.getInputStream(), java.nio.charset.StandardCharsets.UTF_8)) {
                char[] buf = new char[8192];
                for (int n; (n = in.read(buf)) >= 0; ) {
                    out.append(buf, 0, n);
                    for (int asked = count(out.toString(), "\u001b[6n"); answered < asked; answered++) {
                        tui.getOutputStream().write("\u001b[40;120R".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                        tui.getOutputStream().flush();
                    }
                }
            } catch (java.io.IOException e) {
                // the pty closed: the output so far is what there is
            }
        });
        try {
            // Lanterna writes only changed cells, moving the cursor over the others: read the words without the escapes
            await("mesh tui with no argument shows the local mesh's agents and instances").atMost(Duration.ofSeconds(90))
                    .pollInterval(Duration.ofMillis(250)).until(() -> {
                        if (!tui.isAlive()) {
                            throw new AssertionError("mesh tui exited " + tui.exitValue() + ":\n" + out);
                        }
                        String words = out.toString().replaceAll("\u001b\\[[0-9;?]*[A-Za-z]", " ");
                        return words.contains("agent-3") && words.contains("billing-") && words.contains(local(dir));
                    });
            tui.getOutputStream().write('q');
            tui.getOutputStream().flush();
            assertThat(tui.waitFor(20, TimeUnit.SECONDS)).as("q ends mesh tui").isTrue();
            assertThat(tui.exitValue()).isZero();
        } finally {
            tui.descendants().forEach(ProcessHandle::destroy);
            tui.destroy();
            tui.waitFor(10, TimeUnit.SECONDS);
            reader.join(Duration.ofSeconds(5));
        }
    }

    /** The cluster name of the work dir, which the console's header shows. */
    private static String local(Path dir) {
        return ClusterTarget.ofWorkDir(dir).cluster();
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
