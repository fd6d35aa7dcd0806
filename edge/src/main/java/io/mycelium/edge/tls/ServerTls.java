package io.mycelium.edge.tls;

import javax.net.ssl.SSLEngine;

/**
 * The server side of a listener's TLS: an engine for each accepted connection. Thread-safe: the
 * listener asks for one per connection, from any thread; a reload changes what later
 * connections get, never a connection in progress.
 */
@FunctionalInterface
public interface ServerTls {
    /** A server-mode engine for a new connection. */
    SSLEngine newEngine();
}
