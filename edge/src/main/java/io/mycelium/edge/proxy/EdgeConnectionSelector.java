package io.mycelium.edge.proxy;

import io.helidon.common.buffers.BufferData;
import io.helidon.webserver.ConnectionContext;
import io.helidon.webserver.spi.ServerConnection;
import io.helidon.webserver.spi.ServerConnectionSelector;
import io.mycelium.edge.EdgeConfig;
import java.util.Objects;
import java.util.Set;

/**
 * Hands every connection of the edge's Helidon listener to an {@link EdgeConnection}. It is the
 * listener's only selector, so Helidon creates the connection at once without reading first
 * bytes (a client that never sends anything is still under the idle-connection handling).
 */
public final class EdgeConnectionSelector implements ServerConnectionSelector {

    private final ProxyHandler proxy;
    private final EdgeConfig config;

    public EdgeConnectionSelector(ProxyHandler proxy, EdgeConfig config) {
        this.proxy = Objects.requireNonNull(proxy, "proxy");
        this.config = Objects.requireNonNull(config, "config");
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
        return new EdgeConnection(ctx, proxy, config);
    }
}
