package io.mycelium.edge.tls;

import io.mycelium.edge.route.Endpoint;
import javax.net.ssl.SSLEngine;

/**
 * Which upstream connections speak TLS, and with which engine. Thread-safe: every event loop
 * asks when it opens a connection.
 */
@FunctionalInterface
public interface UpstreamTls {

    /** Every upstream connection is plain TCP. */
    UpstreamTls NONE = endpoint -> null;

    /** A client-mode engine for a new connection to {@code endpoint}, or null for plain TCP. */
    SSLEngine engineFor(Endpoint endpoint);
}
