package io.mycelium.cli.tui;

import io.mycelium.cli.CliContext;
import io.mycelium.cli.MeshException;
import io.mycelium.cli.api.TokenOptions;
import io.mycelium.console.model.ClusterSession;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * How a console finds and joins its clusters, shared by {@code mesh tui} and {@code mesh fx}: a
 * {@code mesh up} work dir by default, or seeds, mDNS or one agent's API; the operator key and trust.
 */
public final class ConsoleOptions {
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

    /** The agents' API token: for --agent's member list, logs, stop/restart and publish when the agents need it. */
    @Mixin
    TokenOptions token = new TokenOptions();

    @Option(names = "--bind", paramLabel = "HOST", defaultValue = "127.0.0.1", description = "Address the console's fabric member binds and advertises (default: ${DEFAULT-VALUE}).")
    String bind;

    @Option(names = "--readonly", description = "Hide every action: a console that only watches.")
    boolean readonly;

    public boolean readonly() {
        return readonly;
    }

    /** Joins every target as a console member; the sources opened are added to {@code opened} (close them). */
    public List<ClusterSession> open(CliContext ctx, List<AutoCloseable> opened) {
        String apiToken = token.token(ctx);
        List<ClusterSession> sessions = new ArrayList<>();
        for (ClusterTarget t : targets(apiToken)) {
            FabricSource source = FabricSource.join(t, bind, mdnsInterface, apiToken);
            opened.add(source);
            sessions.add(new ClusterSession(source, source.trust()));
        }
        return sessions;
    }

    /** Closes what {@link #open} opened, each even if another fails to close. */
    public static void closeAll(List<AutoCloseable> opened) {
        for (AutoCloseable c : opened) {
            try {
                c.close();
            } catch (Exception e) {
                // closing a console member at exit: nothing more to do
            }
        }
    }

    List<ClusterTarget> targets(String apiToken) {
        List<ClusterTarget> out = new ArrayList<>();
        boolean remote = !join.isEmpty() || agent != null || mdnsInterface != null;
        if (agent != null && (!join.isEmpty() || mdnsInterface != null)) {
            throw MeshException.usage("give one way to find the cluster: --agent URL, --join HOST:PORT or --mdns-interface IF");
        }
        if (remote) {
            if (agent != null) {
                out.add(ClusterTarget.ofAgent(agent, apiToken, clusterKey, key, trust, dirs.isEmpty() ? Path.of(".mesh") : dirs.getFirst()));
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
}
