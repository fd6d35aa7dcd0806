package io.mycelium.cli.tui;

import com.googlecode.lanterna.screen.Screen;
import com.googlecode.lanterna.terminal.DefaultTerminalFactory;
import io.mycelium.cli.CliContext;
import io.mycelium.cli.MeshException;
import io.mycelium.console.model.ClusterSession;
import io.mycelium.console.model.ConsoleModel;
import io.mycelium.console.tui.TerminalConsole;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code mesh tui}: the terminal console. */
@Command(name = "tui",
        header = "Watch and drive clusters in a terminal console (k9s-style): graph, nodes, apps, instances, rollouts, events, logs.",
        description = {
                "",
                "With no options, opens the local mesh of ./mesh up (the work dir ./.mesh: its cluster key, operator key, "
                        + "operator trust and agents as seeds), in a second terminal next to it. The console joins the "
                        + "cluster as a fabric member of role console: it sees what the agents see, with no server between "
                        + "them, runs no workloads, and on its side of a partition keeps showing what that side knows.",
                "",
                "Another cluster: --join HOST:PORT (repeatable) --cluster NAME --cluster-key FILE [--key operator.key], "
                        + "or found by mDNS on --mdns-interface IF, or through one agent's API with --agent URL (its "
                        + "members become the seeds). Several clusters: --dir once per mesh up work dir; tab switches, "
                        + "a merges them. Every command is signed with the operator key; without one (or with "
                        + "--readonly) every action is hidden. Press ? in the console for every key and command.",
        },
        footerHeading = "%nExamples:%n",
        footer = {
                "  ./mesh tui                                   # the mesh of ./mesh up",
                "  ./mesh tui --dir .mesh --dir /tmp/lab-2/.mesh  # two local meshes, tab switches",
                "  ./mesh tui --join 10.0.0.5:7946 --cluster lab --cluster-key lab.key --key operator.key",
                "  ./mesh tui --agent http://127.0.0.1:7070 --cluster-key .mesh/cluster.key --readonly",
        })
public final class TuiCommand implements Callable<Integer> {
    private final CliContext ctx;

    @Option(names = "--dir", paramLabel = "DIR", description = "A mesh up work dir to open (repeatable; default: .mesh when no --join/--agent/--mdns-interface).")
    List<Path> dirs = new ArrayList<>();

    @Option(names = "--join", paramLabel = "HOST:PORT", description = "A seed member of the cluster to open (repeatable).")
    List<String> join = new ArrayList<>();

    @Option(names = "--agent", paramLabel = "URL", description = "Find the cluster through this agent's API (GET /v1/nodes).")
    String agent;

    @Option(names = "--mdns-interface", paramLabel = "IF", description = "Find members by mDNS on this interface (e.g. lo).")
    String mdnsInterface;

    @Option(names = "--cluster", paramLabel = "NAME", defaultValue = "mycelium", description = "The cluster's name with --join or --mdns-interface (default: ${DEFAULT-VALUE}).")
    String cluster;

    @Option(names = "--cluster-key", paramLabel = "FILE", description = "The cluster keyring (mesh fabric keygen), needed with --join or --mdns-interface; with --agent, default: the keyring of the mesh up work dir of that cluster.")
    Path clusterKey;

    @Option(names = "--key", paramLabel = "FILE", description = "The operator's private key (PEM) that signs every command.")
    Path key;

    @Option(names = "--trust", paramLabel = "DIR", description = "Operator public keys whose records the console accepts and verifies (default: the --key's own).")
    Path trust;

    @Option(names = "--token-file", paramLabel = "FILE", description = "The agents' API token, for logs when their reads need it.")
    Path tokenFile;

    @Option(names = "--bind", paramLabel = "HOST", defaultValue = "127.0.0.1", description = "Address the console's fabric member binds and advertises (default: ${DEFAULT-VALUE}).")
    String bind;

    @Option(names = "--readonly", description = "Hide every action: a console that only watches.")
    boolean readonly;

    public TuiCommand(CliContext ctx) {
        this.ctx = Objects.requireNonNull(ctx, "ctx");
    }

    @Override
    public Integer call() throws IOException {
        List<ClusterTarget> targets = targets();
        List<FabricSource> sources = new ArrayList<>();
        java.util.logging.Logger root = java.util.logging.Logger.getLogger("");
        java.util.logging.Handler[] handlers = root.getHandlers();
        for (java.util.logging.Handler h : handlers) {
            root.removeHandler(h);
        }
        try {
            List<ClusterSession> sessions = new ArrayList<>();
            for (ClusterTarget t : targets) {
                FabricSource source = FabricSource.join(t, bind, mdnsInterface, token());
                sources.add(source);
                sessions.add(new ClusterSession(source, source.trust()));
            }
            ConsoleModel model = new ConsoleModel(sessions, readonly, ctx.clock()::millis);
            Screen screen = new DefaultTerminalFactory().setForceTextTerminal(true).createScreen();
            TerminalConsole console = new TerminalConsole(model, screen);
            Thread hook = new Thread(console::stop, "tui-shutdown");
            Runtime.getRuntime().addShutdownHook(hook);
            console.run();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the JVM is stopping (TERM): the hook has run
            }
            return 0;
        } finally {
            sources.forEach(FabricSource::close);
            for (java.util.logging.Handler h : handlers) {
                root.addHandler(h);
            }
        }
    }

    private List<ClusterTarget> targets() {
        List<ClusterTarget> out = new ArrayList<>();
        boolean remote = !join.isEmpty() || agent != null || mdnsInterface != null;
        if (agent != null && (!join.isEmpty() || mdnsInterface != null)) {
            throw MeshException.usage("give one way to find the cluster: --agent URL, --join HOST:PORT or --mdns-interface IF");
        }
        if (remote) {
            if (agent != null) {
                out.add(ClusterTarget.ofAgent(agent, token(), clusterKey, key, trust, dirs.isEmpty() ? Path.of(".mesh") : dirs.getFirst()));
                return out;
            }
            if (clusterKey == null) {
                throw MeshException.usage("--join and --mdns-interface need --cluster-key FILE (the cluster's keyring, from mesh fabric keygen)");
            }
            out.add(new ClusterTarget(cluster, clusterKey, join, key, trust));
        }
        List<Path> work = dirs.isEmpty() && !remote ? List.of(Path.of(".mesh")) : dirs;
        for (Path d : work) {
            ClusterTarget t = ClusterTarget.ofWorkDir(d);
            out.add(new ClusterTarget(t.cluster(), t.clusterKey(), t.seeds(), key != null ? key : t.operatorKey(),
                    trust != null ? trust : t.trust()));
        }
        return out;
    }

    private String token() {
        if (tokenFile == null) {
            return null;
        }
        try {
            return Files.readString(tokenFile).strip();
        } catch (IOException e) {
            throw MeshException.usage("--token-file " + tokenFile + ": cannot read it (" + e.getMessage() + ")");
        }
    }
}
