package io.mycelium.cli.tui;

import io.mycelium.agent.daemon.AgentConfig;
import io.mycelium.cli.MeshException;
import io.mycelium.client.http.AgentClient;
import io.mycelium.client.http.ClientException;
import io.mycelium.fabric.status.StatusDocuments;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * Everything needed to join one cluster as a console: its name, its keyring, the seeds, the
 * operator key and trust store. Made from a {@code mesh up} work dir, or from flags.
 *
 * @param operatorKey null for a read-only console
 * @param trust       operator trust store dir; null to trust only {@code operatorKey}
 */
record ClusterTarget(String cluster, Path clusterKey, List<String> seeds, Path operatorKey, Path trust) {
    ClusterTarget {
        Objects.requireNonNull(cluster, "cluster");
        Objects.requireNonNull(clusterKey, "clusterKey");
        seeds = List.copyOf(seeds);
    }

    /** The cluster {@code mesh up --dir dir} runs: its name, key, operator key and trust, and every agent as a seed. */
    static ClusterTarget ofWorkDir(Path dir) {
        Path name = dir.resolve("cluster.name");
        if (!Files.isRegularFile(name)) {
            throw MeshException.usage("no mesh up work dir at " + dir.toAbsolutePath() + " (no cluster.name): start ./mesh up there first, "
                    + "give --dir DIR, or join another cluster with --join HOST:PORT --cluster NAME --cluster-key FILE");
        }
        try {
            String cluster = Files.readString(name, StandardCharsets.US_ASCII).strip();
            List<String> seeds = new ArrayList<>();
            Path agents = dir.resolve("agents");
            if (Files.isDirectory(agents)) {
                try (Stream<Path> files = Files.list(agents)) {
                    for (Path f : files.filter(p -> p.getFileName().toString().endsWith(".json")).sorted().toList()) {
                        AgentConfig c = AgentConfig.read(f);
                        seeds.add((c.bind() == null ? "127.0.0.1" : c.bind()) + ":" + c.fabricPort());
                    }
                }
            }
            Path key = dir.resolve("keys").resolve("operator.key");
            Path trust = dir.resolve("operators");
            return new ClusterTarget(cluster, dir.resolve("cluster.key"), seeds, Files.isRegularFile(key) ? key : null,
                    Files.isDirectory(trust) ? trust : null);
        } catch (IOException e) {
            throw MeshException.rejected("cannot read the work dir " + dir + ": " + e.getMessage());
        }
    }

    /**
     * The cluster of the agent at {@code url}: its name and members' fabric addresses from
     * {@code GET /v1/nodes}. The keyring is never served over the API: without {@code clusterKey},
     * the one of the {@code mesh up} work dir {@code workDir} is used when it runs that cluster
     * (with its operator key and trust when none are given).
     */
    static ClusterTarget ofAgent(String url, String token, Path clusterKey, Path operatorKey, Path trust, Path workDir) {
        Members found = members(url, token);
        if (clusterKey != null) {
            return new ClusterTarget(found.cluster(), clusterKey, found.seeds(), operatorKey, trust);
        }
        Path name = workDir.resolve("cluster.name");
        try {
            if (Files.isRegularFile(name) && Files.readString(name, StandardCharsets.US_ASCII).strip().equals(found.cluster())) {
                ClusterTarget local = ofWorkDir(workDir);
                return new ClusterTarget(found.cluster(), local.clusterKey(), found.seeds(),
                        operatorKey != null ? operatorKey : local.operatorKey(), trust != null ? trust : local.trust());
            }
        } catch (IOException e) {
            // unreadable: said below
        }
        throw MeshException.usage("the agent at " + url + " is in cluster '" + found.cluster() + "', whose keyring the API does not "
                + "serve: pass --cluster-key FILE (mesh up keeps it at DIR/cluster.key; give --dir DIR if that is not ./.mesh)");
    }

    /** A cluster's name and the fabric addresses of its live members, as one agent lists them. */
    private record Members(String cluster, List<String> seeds) {
    }

    private static Members members(String url, String token) {
        try (AgentClient client = new AgentClient(url, token)) {
            StatusDocuments.Nodes nodes = client.nodes();
            List<String> seeds = nodes.members().stream().filter(m -> m.status().equalsIgnoreCase("alive") && m.fabricPort() > 0)
                    .map(m -> m.address() + ":" + m.fabricPort()).toList();
            if (seeds.isEmpty()) {
                throw MeshException.rejected("the agent at " + url + " lists no live member with a fabric port to join");
            }
            return new Members(nodes.cluster(), seeds);
        }
    }
}
