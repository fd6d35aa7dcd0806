package io.mycelium.edge.proxy;

import io.helidon.common.buffers.BufferData;
import io.helidon.webserver.ConnectionContext;
import io.helidon.webserver.spi.ServerConnection;
import io.helidon.webserver.spi.ServerConnectionSelector;
import io.mycelium.edge.loop.EventLoop;
import io.mycelium.edge.loop.EventLoops;
import io.mycelium.edge.tls.ServerTls;
import io.mycelium.edge.upstream.UpstreamPool;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Hands every connection of the edge's Helidon listener to an {@link EdgeConnection} on the next
 * event loop. It is the listener's only selector, so Helidon creates the connection at once
 * without reading first bytes (a client that never sends anything is still timed).
 */
public final class EdgeConnectionSelector implements ServerConnectionSelector {

    private final ProxyHandler proxy;
    private final EventLoops loops;
    private final Map<EventLoop, UpstreamPool> pools;
    private final ServerTls tls;

    /** @param pools each loop's upstream pool */
    public EdgeConnectionSelector(ProxyHandler proxy, EventLoops loops, Map<EventLoop, UpstreamPool> pools) {
        this(proxy, loops, pools, null);
    }

    /**
     * @param pools each loop's upstream pool
     * @param tls   the listener's TLS, or null for plain HTTP
     */
    public EdgeConnectionSelector(ProxyHandler proxy, EventLoops loops, Map<EventLoop, UpstreamPool> pools, ServerTls tls) {
        this.tls = tls;
        if (!RawChannel.available()) {
            throw new IllegalStateException("this Helidon version hides the socket channel of a connection, which the"
                    + " edge's event loops need: run the edge with the Helidon version it was built with");
        }
        this.proxy = Objects.requireNonNull(proxy, "proxy");
        this.loops = Objects.requireNonNull(loops, "loops");
        this.pools = Map.copyOf(pools);
    }

    @Override
    public int bytesToIdentifyConnection() {
        return 0;
    }

    @Override
    public Support supports(BufferData data) {
        return Support.SUPPORTED;
    }

    @Override
    public Set<String> supportedApplicationProtocols() {
        return Set.of("http/1.1");
    }

    @Override
    public ServerConnection connection(ConnectionContext ctx) {
        EventLoop loop = loops.next();
        return new EdgeConnection(ctx, proxy, loop, pools.get(loop), tls);
    }
}
