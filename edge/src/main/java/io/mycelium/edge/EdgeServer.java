package io.mycelium.edge;

import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http1.Http1Config;
import io.mycelium.edge.observe.AccessLog;
import io.mycelium.edge.observe.AppLatency;
import io.mycelium.edge.observe.EdgeMetrics;
import io.mycelium.edge.observe.TelemetryPublisher;
import io.mycelium.edge.observe.TelemetrySink;
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
    private final SlowClientGuard guard;

    private EdgeServer(WebServer server, ConnectionPool pool, EdgeMetrics metrics, ProxyHandler proxy,
                       TelemetryPublisher telemetry, ScheduledExecutorService telemetryLoop, SlowClientGuard guard) {
        this.guard = guard;
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
     * Starts an edge. (Helidon marks {@code validateRequestHostHeader} for removal; until it goes,
     * turning it off saves a regex per request, and the route parser checks app names itself.)
     */
    @SuppressWarnings("removal")
    public static EdgeServer start(EdgeConfig config, EndpointDirectory directory, TelemetrySink sink,
                                   AccessLog accessLog, Ticker ticker) {
        Objects.requireNonNull(config, "config");
        EdgeMetrics metrics = new EdgeMetrics();
        ConnectionPool pool = new ConnectionPool(config.connectTimeout(), config.upstreamIdleTimeout(),
                config.maxIdlePerEndpoint(), ticker);
        ProxyHandler proxy = new ProxyHandler(config, directory, pool, metrics, accessLog, ticker);
        SlowClientGuard guard = new SlowClientGuard(config.clientReadTimeout(), ticker);
        WebServer server = WebServer.builder()
                .host(config.bindAddress())
                .port(config.port())
                .shutdownHook(false)
                .connectionOptions(o -> o.readTimeout(config.clientReadTimeout()).tcpNoDelay(true))
                .maxTcpConnections(config.maxClientConnections())
                .idleConnectionTimeout(config.clientReadTimeout())
                .idleConnectionPeriod(idlePeriod(config.clientReadTimeout()))
                .addProtocol(Http1Config.builder()
                        .maxHeadersSize(config.maxHeaderBytes())
                        .maxPrologueLength(config.maxPrologueBytes())
                        .addReceiveListener(guard)
                        // the Host header only feeds routing, which checks app names itself;
                        // Helidon's check is a regex per request
                        .validateRequestHostHeader(false)
                        // relayed response headers were already checked by our response parser
                        // (token names, no control characters in values) and the edge's own are
                        // constants or validated ids; Helidon's second check cost ~3% of CPU
                        .validateResponseHeaders(false)
                        .build())
                .routing(r -> routing(r, proxy))
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
        return new EdgeServer(server, pool, metrics, proxy, telemetry, loop, guard);
    }

    /** How often idle client connections are looked for: a quarter of the timeout, 100 ms to 5 s. */
    private static java.time.Duration idlePeriod(java.time.Duration timeout) {
        long ms = Math.max(100, Math.min(5000, timeout.toMillis() / 4));
        return java.time.Duration.ofMillis(ms);
    }

    /** Every request goes to the proxy (it serves the metrics path itself). */
    static void routing(HttpRouting.Builder routing, ProxyHandler proxy) {
        routing.any(proxy);
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
        guard.close();
        server.stop();
        pool.close();
    }
}
