package io.mycelium.edge.route;

import java.util.Objects;

/**
 * One instance of an app that the edge may send requests to.
 *
 * @param id       stable id of the endpoint (unique across the cluster)
 * @param host     host name or address the instance listens on
 * @param port     TCP port
 * @param state    whether it takes new requests
 * @param revision the app revision this instance runs (for example a spore digest)
 * @param hop      whether host:port is another hyphae router that routes by app rather than the
 *                 instance itself: requests to it keep the {@code /{app}} prefix
 */
public record Endpoint(String id, String host, int port, State state, String revision, boolean hop) {

    /** Lifecycle states that matter to routing. */
    public enum State {
        /** Healthy and accepting new requests. */
        READY,
        /** Finishing in-flight requests; gets no new ones. */
        DRAINING
    }

    public Endpoint {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(revision, "revision");
        if (id.isBlank()) {
            throw new IllegalArgumentException("endpoint id is blank");
        }
        if (host.isBlank()) {
            throw new IllegalArgumentException("endpoint " + id + ": host is blank");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("endpoint " + id + ": port " + port + " is not in 1..65535");
        }
    }

    /** An endpoint reached directly (not through another router). */
    public Endpoint(String id, String host, int port, State state, String revision) {
        this(id, host, port, state, revision, false);
    }

    /** A Ready endpoint. */
    public static Endpoint ready(String id, String host, int port, String revision) {
        return new Endpoint(id, host, port, State.READY, revision);
    }

    /** This endpoint in another state. */
    public Endpoint withState(State newState) {
        return new Endpoint(id, host, port, newState, revision, hop);
    }

    /** This endpoint reached through the router at {@code routerHost:routerPort} (a {@link #hop}). */
    public Endpoint via(String routerHost, int routerPort) {
        return new Endpoint(id, routerHost, routerPort, state, revision, true);
    }

    /** {@code host:port}, for logs and the Host header. */
    public String authority() {
        return host.indexOf(':') >= 0 ? "[" + host + "]:" + port : host + ":" + port;
    }
}
