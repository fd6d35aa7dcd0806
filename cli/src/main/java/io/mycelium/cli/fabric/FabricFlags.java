package io.mycelium.cli.fabric;

import io.mycelium.cli.MeshException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * The flags every fabric member takes ({@code mesh agent}, {@code mesh edge}, {@code mesh fabric
 * member}), declared once and mixed in with {@code @Mixin}. A flag left out is null (empty for
 * {@code --join}): each command applies its own default, and flags win over a {@code --config} file.
 */
public final class FabricFlags {
    @Option(names = "--cluster", description = "Cluster name (default: mycelium).")
    public String cluster;

    @Option(names = "--node-id", paramLabel = "ID", description = "This member's id: 1-63 letters, digits, '.', '_' or '-'.")
    public String nodeId;

    @Option(names = "--bind", paramLabel = "HOST", description = "Address to listen on and advertise (default: 127.0.0.1).")
    public String bind;

    @Option(names = "--fabric-port", paramLabel = "PORT", description = "Fabric TCP port; peers must know it.")
    public Integer fabricPort;

    @Option(names = "--cluster-key", paramLabel = "FILE", description = "The cluster keyring file (mesh fabric keygen).")
    public Path clusterKey;

    @Option(names = {"--trust", "--operator-trust"}, paramLabel = "DIR",
            description = "Directory of operator public keys whose plans are accepted.")
    public Path operatorTrust;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "Where this member keeps its state across restarts.")
    public Path dataDir;

    @Option(names = "--join", paramLabel = "HOST:PORT", description = "A seed member; repeatable.")
    public List<String> join = new ArrayList<>();

    @Option(names = "--mdns-interface", paramLabel = "IFACE", description = "Interface name or address for mDNS; none means no mDNS.")
    public String mdnsInterface;

    /** {@code --label KEY=VALUE} flags as a map; a malformed one is a usage error. */
    public static Map<String, String> labels(List<String> pairs) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String l : pairs) {
            int eq = l.indexOf('=');
            if (eq <= 0) {
                throw MeshException.usage("--label '" + l + "' must be KEY=VALUE, e.g. zone=lab1");
            }
            out.put(l.substring(0, eq), l.substring(eq + 1));
        }
        return out;
    }
}
