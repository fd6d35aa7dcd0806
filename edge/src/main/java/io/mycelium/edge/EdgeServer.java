package io.mycelium.edge;

import io.helidon.webserver.WebServer;
import io.mycelium.edge.observe.AccessLog;
import io.mycelium.edge.observe.AppLatency;
import io.mycelium.edge.observe.EdgeMetrics;
import io.mycelium.edge.observe.TelemetryPublisher;
import io.mycelium.edge.observe.TelemetrySink;
import io.mycelium.edge.proxy.EdgeConnectionSelector;
import io.mycelium.edge.proxy.ProxyHandler;
import io.mycelium.edge.route.EndpointDirectory;
import io.mycelium.edge.upstream.ConnectionPool;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A running edge: the Helidon listener, the upstream connection pool and the telemetry loop
 * (thread {@code edge-telemetry}). Start with {@link #start}, stop with {@link #close()}.
 */
public final class EdgeServer implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(EdgeServer.class.getName());

    private final WebServer server;
    private final ConnectionPool pool;
    private final EdgeMetrics metrics;
    private final ProxyHandler proxy;
    private final TelemetryPublisher telemetry;
    private final ScheduledExecutorService telemetryLoop;

    private EdgeServer(WebServer server, ConnectionPool pool, EdgeMetrics metrics, ProxyHandler proxy,
                       TelemetryPublisher telemetry, ScheduledExecutorService telemetryLoop) {
        this.server = server;
        this.pool = pool;
        this.metrics = metrics;
        this.proxy = proxy;
        this.telemetry = telemetry;
        this.telemetryLoop = telemetryLoop;
    }

    /** Starts an edge with the system clock and the default access log. */
    public static EdgeServer start(EdgeConfig config, EndpointDirectory directory, TelemetrySink sink) {
        return start(config, directory, sink, AccessLog.systemLogger(), Ticker.SYSTEM);
    }

    /**
     * Starts an edge: a Helidon listener (accept loop, connection cap, idle handling, one virtual
     * thread per connection) whose connections are served by the edge's own HTTP/1.1 loop.
     */
    public static EdgeServer start(EdgeConfig config, EndpointDirectory directory, TelemetrySink sink,
                                   AccessLog accessLog, Ticker ticker) {
        Objects.requireNonNull(config, "config");
        EdgeMetrics metrics = new EdgeMetrics();
        ConnectionPool pool = new ConnectionPool(config.connectTimeout(), config.upstreamIdleTimeout(),
                config.maxIdlePerEndpoint(), ticker);
        ProxyHandler proxy = new ProxyHandler(config, directory, pool, metrics, accessLog, ticker);
        WebServer server = WebServer.builder()
                .host(config.bindAddress())
                .port(config.port())
                .shutdownHook(false)
                .connectionOptions(o -> o.tcpNoDelay(true))
                .maxTcpConnections(config.maxClientConnections())
                // closes connections whose EdgeConnection.idleTime() passes the client read
                // timeout: idle keep-alive, slow or silent clients, stalled bodies and writes
                .idleConnectionTimeout(config.clientReadTimeout())
                .idleConnectionPeriod(idlePeriod(config.clientReadTimeout()))
                // the edge's own HTTP/1.1 loop is the listener's only protocol
                .protocolsDiscoverServices(false)
                .addConnectionSelector(new EdgeConnectionSelector(proxy, config))
                .build()
                .start();
        TelemetryPublisher telemetry = new TelemetryPublisher(metrics, sink, ticker);
        ScheduledExecutorService loop = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "edge-telemetry");
            t.setDaemon(true);
            return t;
        });
        long every = config.telemetryInterval().toMillis();
        loop.scheduleAtFixedRate(() -> {
            try {
                telemetry.publish();
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "edge telemetry: publishing failed: " + e);
            }
        }, every, every, TimeUnit.MILLISECONDS);
        return new EdgeServer(server, pool, metrics, proxy, telemetry, loop);
    }

    /** How often idle client connections are looked for: a quarter of the timeout, 100 ms to 5 s. */
    private static java.time.Duration idlePeriod(java.time.Duration timeout) {
        long ms = Math.max(100, Math.min(5000, timeout.toMillis() / 4));
        return java.time.Duration.ofMillis(ms);
    }

    /** The port the edge listens on. */
    public int port() {
        return server.port();
    }

    public EdgeMetrics metrics() {
        return metrics;
    }

    public ProxyHandler proxy() {
        return proxy;
    }

    /** Publishes the current telemetry window now (tests; the loop does it on its own). */
    public List<AppLatency> publishTelemetryNow() {
        return telemetry.publish();
    }

    @Override
    public void close() {
        telemetryLoop.shutdownNow();
        server.stop();
        pool.close();
    }
}
