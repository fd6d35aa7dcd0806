package io.mycelium.cli.up;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

import io.mycelium.cli.CliContext;
import io.mycelium.cli.OutputOptions;
import io.mycelium.cli.Renderer;
import io.mycelium.spore.digest.Digest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code mesh up}: a local mesh on loopback, in the foreground until Ctrl-C. */
@Command(name = "up",
        header = "Run a local mesh on loopback: 3 agents, 1 edge and the example apps, until Ctrl-C.",
        description = {
                "",
                "In the work directory DIR (default ./.mesh): makes a publisher key, an operator key and a cluster key "
                        + "on the first run (reused afterwards); packs the example workloads (billing 1.0.0 and 2.0.0, "
                        + "frontend, and the greeter script) into signed spores; starts --agents agents and one edge as "
                        + "separate processes on 127.0.0.1 (each agent with its own data dir DIR/agents/ID, logs in "
                        + "DIR/logs); publishes the spores to every agent, applies the plans (billing x 2, "
                        + "frontend x 1, greeter x 1), waits until every instance is Ready and the edge routes to it, "
                        + "and prints what to try. It stays in the foreground: Ctrl-C (or TERM) stops everything it "
                        + "started, by PID, the agents stopping their workloads first. Running it again reuses the work "
                        + "dir (keys, spores, fabric state, plans) and is back in seconds.",
                "",
                "Agents find each other by mDNS bound to the loopback interface and, by default, also through a "
                        + "static seed (the first agent), which is faster on a loaded machine; --discovery mdns or "
                        + "seeds uses one of them only. The first agent's API is on --api-port (7070, the default of "
                        + "mesh apps, mesh logs and mesh plan apply), the next ones on the following ports.",
        },
        footerHeading = "%nExamples:%n",
        footer = {
                "  ./mesh up                                  # work dir ./.mesh, edge on 8080",
                "  ./mesh up --agents 5 --edge-port 9080 --dir /tmp/mesh",
                "  ./mesh up --prepare-only -o json           # only keys, pack, publish into DIR/repo, verify",
        })
public final class UpCommand implements Callable<Integer> {
    private final CliContext ctx;

    @Spec
    CommandSpec spec;

    @Mixin
    OutputOptions output;

    @Option(names = "--dir", paramLabel = "DIR", defaultValue = ".mesh", description = "Work directory (default: ${DEFAULT-VALUE}).")
    Path dir;

    @Option(names = "--examples", paramLabel = "DIR",
            description = "Where the example manifests and payloads are (default: the examples/ directory of this checkout).")
    Path examples;

    @Option(names = "--agents", paramLabel = "N", defaultValue = "3", description = "How many agents (default: ${DEFAULT-VALUE}).")
    int agents;

    @Option(names = "--edge-port", paramLabel = "PORT", defaultValue = "8080", description = "The edge's HTTP port (default: ${DEFAULT-VALUE}).")
    int edgePort;

    @Option(names = "--api-port", paramLabel = "PORT", defaultValue = "7070",
            description = "The first agent's API port; agent i gets PORT+i (default: ${DEFAULT-VALUE}).")
    int apiPort;

    @Option(names = "--fabric-port", paramLabel = "PORT", defaultValue = "7950",
            description = "The first agent's fabric port; agent i gets PORT+i, the edge PORT+N (default: ${DEFAULT-VALUE}).")
    int fabricPort;

    @Option(names = "--hyphae-port", paramLabel = "PORT", defaultValue = "7080",
            description = "The first agent's hyphae router (its workloads' MYCELIUM_HYPHAE); agent i gets PORT+i (default: ${DEFAULT-VALUE}).")
    int hyphaePort;

    @Option(names = "--workload-ports", paramLabel = "PORT", defaultValue = "21000",
            description = "Instances of agent i get ports from PORT+500i, 500 each (default: ${DEFAULT-VALUE}).")
    int workloadPorts;

    @Option(names = "--discovery", paramLabel = "HOW", defaultValue = "both",
            description = "both (mDNS on lo plus a static seed), mdns or seeds (default: ${DEFAULT-VALUE}).")
    LocalMesh.Discovery discovery;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "240",
            description = "Longest wait for each phase (default: ${DEFAULT-VALUE}).")
    int timeoutSeconds;

    @Option(names = "--prepare-only", description = "Only make the keys and pack, publish (into DIR/repo) and verify the spores; start nothing.")
    boolean prepareOnly;

    public UpCommand(CliContext ctx) {
        this.ctx = Objects.requireNonNull(ctx, "ctx");
    }

    /** What {@code -o json} prints for --prepare-only. */
    record Result(Up.Result setup, double seconds) {
    }

    /** What {@code -o json} prints once the mesh is Ready (then it keeps running). */
    record Running(String dir, String edge, List<String> agentApis, Map<String, Long> pids, String logs, double seconds) {
    }

    @Override
    @SuppressWarnings("try") // the lock is only held
    public Integer call() throws IOException, InterruptedException {
        Renderer r = Renderer.of(spec, output);
        Instant start = ctx.clock().instant();
        Path ex = examples != null ? examples : ctx.home().resolve("examples");
        WorkDir work = new WorkDir(dir.toAbsolutePath().normalize());
        r.progress("mesh up: work dir " + work.root());
        Up up = new Up(work, ex, ExampleSpore.ALL, line -> r.progress("  " + line));
        if (prepareOnly) {
            Up.Result setup = up.run();
            double seconds = seconds(start);
            r.render(new Result(setup, seconds), h -> {
                h.line(String.format("ready: %d spores published in %s and verified (%.1f s). Try:", setup.spores().size(), setup.repo(), seconds));
                Up.SporeResult first = setup.spores().get(0);
                h.line("  ./mesh repo ls --repo " + setup.repo());
                h.line("  ./mesh spore inspect " + first.spore());
                h.line("  ./mesh spore verify " + first.spore() + " --trust " + setup.trust());
            });
            return 0;
        }
        up.checkExamples();
        Files.createDirectories(work.root());
        LocalMesh.Settings settings = new LocalMesh.Settings(agents, edgePort, apiPort, fabricPort, workloadPorts, discovery,
                Duration.ofSeconds(timeoutSeconds), hyphaePort);
        try (FileChannel ch = FileChannel.open(work.lock(), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock lock = Up.lock(ch, work)) {
            Up.Result setup = up.prepare();
            LocalMesh mesh = new LocalMesh(work, settings, line -> r.progress("  " + line));
            CountDownLatch done = new CountDownLatch(1);
            Thread hook = new Thread(() -> {
                r.progress("mesh up: stopping everything it started ...");
                mesh.close();
                r.progress("mesh up: stopped; run it again to come back (the work dir " + work.root() + " is kept)");
                done.countDown();
            }, "mesh-up-shutdown");
            Runtime.getRuntime().addShutdownHook(hook);
            try {
                mesh.keys();
                mesh.start();
                mesh.publish(setup.spores());
                List<LocalMesh.AppToRun> apps = apps(setup);
                mesh.applyPlans(apps, known(setup));
                mesh.awaitReady(apps);
            } catch (RuntimeException | IOException | InterruptedException e) {
                try {
                    Runtime.getRuntime().removeShutdownHook(hook);
                } catch (IllegalStateException shuttingDown) {
                    // Ctrl-C or TERM during start-up: the hook is stopping everything, and what
                    // failed here failed because of that; no error to report
                    done.await();
                    return 130;
                }
                r.progress("mesh up: stopping what it started after the failure below");
                mesh.close();
                throw e;
            }
            double seconds = seconds(start);
            Map<String, Long> pids = new LinkedHashMap<>();
            mesh.children().forEach(c -> pids.put(c.name(), c.pid()));
            List<String> apis = new ArrayList<>();
            for (int i = 0; i < agents; i++) {
                apis.add(settings.api(i));
            }
            Path v2 = spore(setup, "billing@2.0.0");
            String key = relative(work.operatorKey());
            r.render(new Running(work.root().toString(), settings.edgeUrl(), apis, pids, work.logs().toString(), seconds), h -> {
                h.line(String.format("ready in %.1f s: %d agents, 1 edge, billing x 2, frontend, greeter. Try:", seconds, agents));
                h.line("  curl " + settings.edgeUrl() + "/billing/hello");
                h.line("  curl " + settings.edgeUrl() + "/frontend/hello  ;  curl " + settings.edgeUrl() + "/greeter/hello");
                h.line("  curl " + settings.edgeUrl() + "/frontend/call    # frontend calls billing through hyphae: \"app\":\"billing\"");
                h.line("  curl " + settings.hyphae(0) + "/billing/hello   # agent-1's router, no known caller: answered while there are no intentions (mesh intention --help)");
                String apiFlag = apiPort == 7070 ? "" : " --api " + settings.api(0);
                h.line("  ./mesh apps" + apiFlag + "          ./mesh instances" + apiFlag + "          ./mesh nodes" + apiFlag);
                h.line("  ./mesh logs billing -f" + apiFlag);
                h.line("roll billing out to v2, blue/green (v2 is already published to the agents):");
                h.line("  ./mesh rollout start billing --spore " + relative(v2) + " --strategy blue-green --key " + key + apiFlag);
                h.line("  curl -H 'X-Mycelium-Preview: 1' " + settings.edgeUrl() + "/billing/hello   # v2, only for previews");
                h.line("  ./mesh rollout status billing -w" + apiFlag + "     ./mesh rollout promote billing --key " + key + apiFlag);
                h.line("  ./mesh rollout undo billing --key " + key + apiFlag + "     # back to v1, instantly while v1 still runs");
                h.line("watch a rollout abort by itself: billing 2.1.0 answers 500 to 30% of requests, 2.2.0 never becomes healthy:");
                h.line("  ./mesh rollout start billing --spore " + relative(spore(setup, "billing@2.1.0")) + " --strategy canary --steps 20:20s"
                        + " --key " + key + apiFlag + "   # with traffic on " + settings.edgeUrl() + "/billing/hello");
                h.line("  ./mesh rollout history billing" + apiFlag + "     # says why it aborted");
                h.line("  (or replace instances one by one: ./mesh plan apply --app billing --spore " + relative(v2)
                        + " --instances 2 --key " + key + apiFlag + ")");
                h.line("  (a spore packed elsewhere goes in first with: ./mesh publish FILE --key " + key + apiFlag + ")");
                h.line("logs: " + work.logs() + "   stop: Ctrl-C (stops the agents, their workloads and the edge)");
            });
            spec.commandLine().getOut().flush();
            done.await();
            return 0;
        }
    }

    /** The packed spore of an example ({@code billing@2.0.0}). */
    private static Path spore(Up.Result setup, String ref) {
        return setup.spores().stream().filter(s -> s.ref().equals(ref)).findFirst().orElseThrow().spore();
    }

    private String relative(Path p) {
        Path cwd = Path.of("").toAbsolutePath();
        Path abs = p.toAbsolutePath().normalize();
        return abs.startsWith(cwd) ? cwd.relativize(abs).toString() : abs.toString();
    }

    /** billing 1.0.0 x 2, frontend x 1, greeter x 1. */
    private static List<LocalMesh.AppToRun> apps(Up.Result setup) {
        List<LocalMesh.AppToRun> out = new ArrayList<>();
        for (Up.SporeResult s : setup.spores()) {
            switch (s.ref()) {
                case "billing@1.0.0" -> out.add(new LocalMesh.AppToRun("billing", s.version(), Digest.parse(s.digest()), s.spore(), 2));
                case "frontend@1.0.0" -> out.add(new LocalMesh.AppToRun("frontend", s.version(), Digest.parse(s.digest()), s.spore(), 1));
                case "greeter@1.0.0" -> out.add(new LocalMesh.AppToRun("greeter", s.version(), Digest.parse(s.digest()), s.spore(), 1));
                default -> { }
            }
        }
        return out;
    }

    private static Map<String, List<Digest>> known(Up.Result setup) {
        Map<String, List<Digest>> out = new LinkedHashMap<>();
        for (Up.SporeResult s : setup.spores()) {
            out.computeIfAbsent(s.name(), k -> new ArrayList<>()).add(Digest.parse(s.digest()));
        }
        return out;
    }

    private double seconds(Instant start) {
        return Duration.between(start, ctx.clock().instant()).toMillis() / 1000.0;
    }
}
