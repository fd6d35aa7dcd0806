package io.mycelium.fabric.model;

/**
 * Where a node's hyphae router takes calls from other nodes' routers (its overlay listener),
 * published by the node itself (kind {@link RecordKind#HYPHAE}, one per node). A node without
 * this record gets no router-to-router traffic: its instances are reached only by local callers.
 *
 * @param host the overlay listener's address (the agent's bind address)
 * @param port the overlay listener's port
 */
public record HyphaeInfo(String host, int port) {
    public HyphaeInfo {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("hyphae overlay host is empty");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("hyphae overlay port " + port + " is not 1-65535");
        }
    }
}
