package io.mycelium.fabric;

import io.mycelium.fabric.gossip.GossipConfig;
import io.mycelium.fabric.model.Names;
import io.mycelium.fabric.model.Role;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * One member's settings, built with {@link #builder} (the required ones) and the builder's setters.
 *
 * @param dataDir where state, incarnation and known peers are kept; null keeps nothing on disk
 */
public record FabricConfig(String cluster, String nodeId, Role role, String host, int fabricPort, int apiPort,
                           String apiUrl, Map<String, String> labels, String version, GossipConfig gossip, Path dataDir) {
    public FabricConfig {
        Objects.requireNonNull(cluster, "cluster");
        Objects.requireNonNull(nodeId, "nodeId");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(host, "host");
        Names.require("cluster name", cluster);
        Names.require("node id", nodeId);
        apiUrl = apiUrl == null ? "" : apiUrl;
        labels = labels == null ? Map.of() : Map.copyOf(labels);
        version = version == null ? "" : version;
        gossip = gossip == null ? GossipConfig.DEFAULT : gossip;
    }

    /** A builder with the required settings; the others default as the constructor says (no API, no labels, no data dir). */
    public static Builder builder(String cluster, String nodeId, Role role, String host, int fabricPort) {
        return new FabricConfig(cluster, nodeId, role, host, fabricPort, 0, "", Map.of(), "", GossipConfig.DEFAULT, null).toBuilder();
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Changes some settings of a config; {@link #build} checks the result as the constructor does. */
    public static final class Builder {
        private final String cluster;
        private final String nodeId;
        private final Role role;
        private final String host;
        private final int fabricPort;
        private int apiPort;
        private String apiUrl;
        private Map<String, String> labels;
        private String version;
        private GossipConfig gossip;
        private Path dataDir;

        private Builder(FabricConfig c) {
            cluster = c.cluster;
            nodeId = c.nodeId;
            role = c.role;
            host = c.host;
            fabricPort = c.fabricPort;
            apiPort = c.apiPort;
            apiUrl = c.apiUrl;
            labels = c.labels;
            version = c.version;
            gossip = c.gossip;
            dataDir = c.dataDir;
        }

        /** The member's HTTP API: its port and the URL others reach it at. */
        public Builder api(int port, String url) {
            apiPort = port;
            apiUrl = url;
            return this;
        }

        public Builder labels(Map<String, String> value) {
            labels = value;
            return this;
        }

        public Builder version(String value) {
            version = value;
            return this;
        }

        public Builder gossip(GossipConfig value) {
            gossip = value;
            return this;
        }

        /** Where state, incarnation and known peers are kept; null keeps nothing on disk. */
        public Builder dataDir(Path value) {
            dataDir = value;
            return this;
        }

        public FabricConfig build() {
            return new FabricConfig(cluster, nodeId, role, host, fabricPort, apiPort, apiUrl, labels, version, gossip, dataDir);
        }
    }
}
