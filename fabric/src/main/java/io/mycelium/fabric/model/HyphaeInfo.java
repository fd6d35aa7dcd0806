package io.mycelium.fabric.model;

/**
 * Where a node's hyphae router takes calls from other nodes' routers (its overlay listener) and
 * the public half of the node's identity key, which the overlay's mutual TLS checks every peer
 * certificate against; published by the node itself (kind {@link RecordKind#HYPHAE}, one per
 * node; node-owned records travel only inside the cluster-key envelope, so only a member can
 * write one). A node without this record, or whose record has no key (an agent from before the
 * overlay's TLS), gets no router-to-router traffic: its instances are reached only by local callers.
 *
 * @param host the overlay listener's address (the agent's bind address)
 * @param port the overlay listener's port
 * @param key  the node's Ed25519 identity key, raw 32 bytes in base64; null when the node has none
 */
public record HyphaeInfo(String host, int port, String key) {
    public HyphaeInfo {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("hyphae overlay host is empty");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("hyphae overlay port " + port + " is not 1-65535");
        }
        if (key != null && !key.matches("[A-Za-z0-9+/]{43}=")) {
            throw new IllegalArgumentException("hyphae identity key '" + key + "' is not 32 bytes in base64");
        }
    }

    /** A router without an identity key (not reachable over the overlay). */
    public HyphaeInfo(String host, int port) {
        this(host, port, null);
    }

    /** {@code host:port}, with brackets around an IPv6 address. */
    public String authority() {
        return host.indexOf(':') >= 0 ? "[" + host + "]:" + port : host + ":" + port;
    }
}
