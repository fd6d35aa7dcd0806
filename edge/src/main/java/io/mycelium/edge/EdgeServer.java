package io.mycelium.edge;

import io.helidon.webserver.WebServer;
import io.mycelium.edge.observe.AccessLog;
import io.mycelium.edge.observe.AppLatency;
import io.mycelium.edge.observe.EdgeMetrics;
import io.mycelium.edge.observe.TelemetryPublisher;
import io.mycelium.edge.observe.TelemetrySink;
import io.mycelium.edge.proxy.EdgeConnectionSelector;
import io.mycelium.edge.proxy.ProxyHandler;
import io.mycelium.edge.route.CallGuard;
import io.mycelium.edge.route.EndpointDirectory;
import io.mycelium.edge.tls.EdgeTls;
import io.mycelium.edge.tls.Reloadable;
import io.mycelium.edge.loop.EventLoop;
import io.mycelium.edge.loop.EventLoops;
import io.mycelium.edge.upstream.UpstreamPool;
import io.mycelium.spore.time.Clock;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A running edge: the Helidon listener, the event loops that serve its connections (threads
 * {@code edge-loop-N}, one per core), each loop's upstream connection pool, and the telemetry
 * loop (thread {@code edge-telemetry}). Start with {@link #start}, stop with {@link #close()}.
 */
public final class EdgeServer implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(EdgeServer.class.getName());
    /** How often the loops check deadlines: timeouts are enforced to within this. */
    private static final long TICK_NANOS = 25_000_000L;
    /** How often a reloadable listener TLS looks at its files. */
    public static final long RELOAD_CHECK_MILLIS = 1000;

    private final WebServer server;
    private final EventLoops loops;
    private final Map<EventLoop, UpstreamPool> pools;
    private final EdgeMetrics metrics;
    private final ProxyHandler proxy;
    private final TelemetryPublisher telemetry;
    private final ScheduledExecutorService telemetryLoop;

    private EdgeServer(WebServer server, EventLoops loops, Map<EventLoop, UpstreamPool> pools, EdgeMetrics metrics,
                       ProxyHandler proxy, TelemetryPublisher telemetry, ScheduledExecutorService telemetryLoop) {
        this.server = server;
        this.loops = loops;
        this.pools = pools;
        this.metrics = metrics;
        this.proxy = proxy;
        this.telemetry = telemetry;
        this.telemetryLoop = telemetryLoop;
    }

    /** Starts an edge with the system clock and the default access log. */
    public static EdgeServer start(EdgeConfig config, EndpointDirectory directory, TelemetrySink sink) {
        return start(config, directory, sink, AccessLog.systemLogger(), Clock.SYSTEM);
    }

    /**
     * Starts an edge: a Helidon listener (accept loop, connection cap) whose connections are
     * handed to the edge's event loops.
     */
    public static EdgeServer start(EdgeConfig config, EndpointDirectory directory, TelemetrySink sink,
                                   AccessLog accessLog, Clock clock) {
        return start(config, directory, sink, accessLog, clock, EdgeTls.NONE);
    }

    /**
     * Starts an edge whose listener and upstream connections speak TLS as {@code tls} says. A
     * listener TLS that can {@linkplain Reloadable reload} is checked for changed files every
     * {@link #RELOAD_CHECK_MILLIS} ms.
     */
    public static EdgeServer start(EdgeConfig config, EndpointDirectory directory, TelemetrySink sink,
                                   AccessLog accessLog, Clock clock, EdgeTls tls) {
        return start(config, directory, sink, accessLog, clock, tls, null);
    }

    /**
     * Starts an edge whose requests pass {@code guard} before they are routed (who calls, and
     * whether they may: the hyphae router's intentions; null: none).
     */
    public static EdgeServer start(EdgeConfig config, EndpointDirectory directory, TelemetrySink sink,
                                   AccessLog accessLog, Clock clock, EdgeTls tls, CallGuard guard) {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(tls, "tls");
        EdgeMetrics metrics = new EdgeMetrics();
        EventLoops loops = new EventLoops("edge-loop", Runtime.getRuntime().availableProcessors(), clock, TICK_NANOS);
        Map<EventLoop, UpstreamPool> pools = new IdentityHashMap<>();
        for (EventLoop loop : loops.all()) {
            UpstreamPool pool = new UpstreamPool(config.upstreamIdleTimeout().toNanos(), config.maxIdlePerEndpoint());
            pools.put(loop, pool);
            loop.execute(() -> loop.addTimed(pool));
        }
        ProxyHandler proxy = new ProxyHandler(config, directory, metrics, accessLog, clock,
                authority -> loops.each(loop -> pools.get(loop).closeIdle(authority)), tls.upstream(), guard);
        WebServer server;
        try {
            server = WebServer.builder()
                    .host(config.bindAddress())
                    .port(config.port())
                    .shutdownHook(false)
                    .connectionOptions(o -> o.tcpNoDelay(true))
                    .maxTcpConnections(config.maxClientConnections())
                    // the edge's own HTTP/1.1 on its event loops is the listener's only protocol
                    .protocolsDiscoverServices(false)
                    .addConnectionSelector(new EdgeConnectionSelector(proxy, loops, pools, tls.server().orElse(null)))
                    .build()
                    .start();
        } catch (RuntimeException e) {
            loops.close();
            throw e;
        }
        TelemetryPublisher telemetry = new TelemetryPublisher(metrics, sink, clock);
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
        if (tls.server().orElse(null) instanceof Reloadable reloadable) {
            loop.scheduleWithFixedDelay(() -> {
                try {
                    reloadable.reloadIfChanged();
                } catch (RuntimeException e) {
                    LOG.log(System.Logger.Level.WARNING, "edge TLS: checking the certificate files failed: " + e);
                }
            }, RELOAD_CHECK_MILLIS, RELOAD_CHECK_MILLIS, TimeUnit.MILLISECONDS);
        }
        return new EdgeServer(server, loops, pools, metrics, proxy, telemetry, loop);
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
        loops.each(loop -> pools.get(loop).closeAll());
        loops.close();
    }
}
