package io.mycelium.fabric;

import io.mycelium.fabric.gossip.GossipConfig;
import io.mycelium.fabric.model.Names;
import io.mycelium.fabric.model.Role;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * One member's settings.
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

    public static FabricConfig of(String cluster, String nodeId, Role role, String host, int fabricPort) {
        return new FabricConfig(cluster, nodeId, role, host, fabricPort, 0, "", Map.of(), "", GossipConfig.DEFAULT, null);
    }

    public FabricConfig withDataDir(Path dir) {
        return new FabricConfig(cluster, nodeId, role, host, fabricPort, apiPort, apiUrl, labels, version, gossip, dir);
    }

    public FabricConfig withApi(int port, String url) {
        return new FabricConfig(cluster, nodeId, role, host, fabricPort, port, url, labels, version, gossip, dataDir);
    }

    public FabricConfig withLabels(Map<String, String> l) {
        return new FabricConfig(cluster, nodeId, role, host, fabricPort, apiPort, apiUrl, l, version, gossip, dataDir);
    }

    public FabricConfig withGossip(GossipConfig g) {
        return new FabricConfig(cluster, nodeId, role, host, fabricPort, apiPort, apiUrl, labels, version, g, dataDir);
    }
}
