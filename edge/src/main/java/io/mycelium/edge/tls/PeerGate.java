package io.mycelium.edge.tls;

import javax.net.ssl.SSLSession;

/**
 * An optional ability of a {@link ServerTls} whose peers can lose their admission after the
 * handshake (a mutual-TLS listener that admits the members of a cluster): each connection asks
 * once its handshake is done (a resumed session skips the trust manager, so this is where it is
 * checked) and again whenever {@link #generation()} moved; a peer no longer admitted is cut off,
 * idle or not. Thread-safe: every event loop asks.
 */
public interface PeerGate {

    /** A number that changes whenever some admitted peer may have lost its admission. */
    long generation();

    /** Whether the peer of {@code session} (its certificates) is admitted now. */
    boolean admits(SSLSession session);
}
