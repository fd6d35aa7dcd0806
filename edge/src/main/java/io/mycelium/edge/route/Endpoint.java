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
 */
public record Endpoint(String id, String host, int port, State state, String revision) {

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

    /** A Ready endpoint. */
    public static Endpoint ready(String id, String host, int port, String revision) {
        return new Endpoint(id, host, port, State.READY, revision);
    }

    /** This endpoint in another state. */
    public Endpoint withState(State newState) {
        return new Endpoint(id, host, port, newState, revision);
    }

    /** {@code host:port}, for logs and the Host header. */
    public String authority() {
        return host.indexOf(':') >= 0 ? "[" + host + "]:" + port : host + ":" + port;
    }
}
