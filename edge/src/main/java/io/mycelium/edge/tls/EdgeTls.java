package io.mycelium.edge.tls;

import java.util.Objects;
import java.util.Optional;

/**
 * The TLS of one edge engine: its listener's (none: plain HTTP) and its upstream connections'.
 *
 * @param server   the listener's TLS, or empty for plain HTTP
 * @param upstream which upstream connections speak TLS
 */
public record EdgeTls(Optional<ServerTls> server, UpstreamTls upstream) {

    /** Plain HTTP on both sides. */
    public static final EdgeTls NONE = new EdgeTls(Optional.empty(), UpstreamTls.NONE);

    public EdgeTls {
        Objects.requireNonNull(server, "server");
        Objects.requireNonNull(upstream, "upstream");
    }

    /** TLS on the listener only. */
    public static EdgeTls server(ServerTls server) {
        return new EdgeTls(Optional.of(server), UpstreamTls.NONE);
    }
}
