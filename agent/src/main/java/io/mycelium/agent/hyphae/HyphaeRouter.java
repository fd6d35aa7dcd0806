package io.mycelium.agent.hyphae;

import io.mycelium.edge.EdgeConfig;
import io.mycelium.edge.EdgeServer;
import io.mycelium.edge.fabric.FabricEndpointDirectory;
import io.mycelium.edge.fabric.RoutingReports;
import io.mycelium.edge.observe.AccessLog;
import io.mycelium.edge.observe.EdgeMetrics;
import io.mycelium.edge.observe.TelemetrySink;
import io.mycelium.edge.tls.EdgeTls;
import io.mycelium.edge.tls.UpstreamTls;
import io.mycelium.fabric.Fabric;
import io.mycelium.fabric.model.HyphaeInfo;
import io.mycelium.spore.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A node's hyphae router: the edge's engine on two listeners. {@link #local()} takes the node's
 * own workloads' calls ({@code $MYCELIUM_HYPHAE/{app}/...}); {@link #overlay()} takes calls that
 * other nodes' routers deliver to this node's instances, over mutual TLS 1.3 with the nodes'
 * identity keys ({@link OverlayTls}), and its address and this node's key are published in the
 * node's {@code hyphae} fabric record. Both follow the fabric. The local listener publishes its
 * callers' calls per app as the node's telemetry ({@link CallsTelemetry}), which the consoles draw. The router reports its
 * routing for the rollouts' switch barrier with the edge's {@link RoutingReports}: the split it applies, what both listeners
 * still have in flight to a leaving revision, and the Ready endpoints its callers can reach. {@link #close()} stops both
 * listeners and retracts nothing: a node that leaves the fabric drops out of every view.
 */
public final class HyphaeRouter implements AutoCloseable {

    /** How often the router checks its routing report, and re-decides the splits without a fabric change (as the edge does). */
    static final Duration ROUTING_TICK = Duration.ofMillis(50);
    static final Duration ROLLOUT_REFRESH = Duration.ofMillis(250);

    private final EdgeServer local;
    private final EdgeServer overlay;
    private final String localHost;
    private final RoutingReports routing;
    private final OverlayTls tls;
    private final IntentionGuard guard;

    private HyphaeRouter(EdgeServer local, EdgeServer overlay, String localHost, RoutingReports routing, OverlayTls tls,
                         IntentionGuard guard) {
        this.local = local;
        this.overlay = overlay;
        this.localHost = localHost;
        this.routing = routing;
        this.tls = tls;
        this.guard = guard;
    }

    /**
     * Starts the router of node {@code self} and publishes its overlay address.
     *
     * @param identity      this node's identity key, which the overlay's mutual TLS presents and
     *                      whose public half goes into the node's {@code hyphae} record
     * @param localListener where this node's workloads call it (port 0: any free port)
     * @param overlayHost   the address other routers reach this one at (the agent's bind address)
     * @param overlayPort   the overlay port (0: any free port)
     */
    public static HyphaeRouter start(Fabric fabric, NodeIdentity identity, HostPort localListener, String overlayHost, int overlayPort) {
        Objects.requireNonNull(fabric, "fabric");
        String self = identity.node();
        OverlayTls tls = new OverlayTls(identity, fabric::view).following(fabric);
        IntentionGuard guard = new IntentionGuard(identity, fabric::view).following(fabric);
        FabricEndpointDirectory source = FabricEndpointDirectory.follow(fabric);
        HyphaeDirectory forCallers = new HyphaeDirectory(source, fabric::view,
                (app, nodes) -> HyphaeRoutes.forCallers(app, self, nodes)).following(fabric);
        HyphaeDirectory forPeers = new HyphaeDirectory(source, fabric::view,
                (app, nodes) -> HyphaeRoutes.forPeers(app, self, nodes)).following(fabric);
        EdgeServer overlay = listen(EdgeConfig.builder().bindAddress(overlayHost).port(overlayPort).edgeId("hyphae-" + self),
                forPeers, TelemetrySink.NONE, new EdgeTls(Optional.of(tls), UpstreamTls.NONE), null, "the hyphae overlay on " + overlayHost + ":" + overlayPort);
        EdgeServer local;
        try {
            local = listen(EdgeConfig.builder().bindAddress(localListener.host()).port(localListener.port()).edgeId("hyphae-" + self),
                    forCallers, new CallsTelemetry(fabric::publish), new EdgeTls(Optional.empty(), tls.upstream()), guard, "the hyphae router on " + localListener.host() + ":" + localListener.port()
                            + " (set another with --hyphae HOST:PORT, or hyphae in the agent config)");
        } catch (RuntimeException e) {
            overlay.close();
            throw e;
        }
        RoutingReports routing = RoutingReports.start(fabric, source, forCallers, app -> inFlight(app, local, overlay),
                ROUTING_TICK, ROLLOUT_REFRESH, "hyphae-routing");
        fabric.publish(new HyphaeInfo(overlayHost, overlay.port(), identity.publicKey()));
        return new HyphaeRouter(local, overlay, localListener.host(), routing, tls, guard);
    }

    /** What both listeners have in flight to each revision of {@code app}: calls out of this node and calls delivered to it. */
    private static Map<String, Long> inFlight(String app, EdgeServer local, EdgeServer overlay) {
        Map<String, Long> out = new TreeMap<>(local.proxy().inFlight(app));
        overlay.proxy().inFlight(app).forEach((revision, n) -> out.merge(revision, n, Long::sum));
        return out;
    }

    private static EdgeServer listen(EdgeConfig.Builder config, HyphaeDirectory directory, TelemetrySink telemetry, EdgeTls tls,
                                     IntentionGuard guard, String what) {
        try {
            return EdgeServer.start(config.build(), directory, telemetry, AccessLog.NONE, Clock.SYSTEM, tls, guard);
        } catch (RuntimeException e) {
            throw new IllegalStateException("cannot listen for " + what + ": " + e.getMessage(), e);
        }
    }

    /** The listener for this node's workloads. */
    public EdgeServer local() {
        return local;
    }

    /** The listener for other nodes' routers. */
    public EdgeServer overlay() {
        return overlay;
    }

    /** What workloads get as {@code MYCELIUM_HYPHAE}: {@code http://127.0.0.1:7080}. */
    public String url() {
        return new HostPort(localHost, local.port()).url();
    }

    /**
     * What instance {@code instance} of {@code app} gets as {@code MYCELIUM_HYPHAE}: the router's
     * URL with the prefix that names it as the caller ({@code http://127.0.0.1:7080/~app.id.mac}).
     */
    public String urlFor(String app, String instance) {
        return url() + guard.prefix(app, instance);
    }

    /** The overlay's mutual TLS (who is admitted now). */
    public OverlayTls overlayTls() {
        return tls;
    }

    /** Calls from this node's workloads, by app and status. */
    public EdgeMetrics callerMetrics() {
        return local.metrics();
    }

    /** Calls delivered by other routers to this node's instances. */
    public EdgeMetrics overlayMetrics() {
        return overlay.metrics();
    }

    @Override
    public void close() {
        routing.close();
        local.close();
        overlay.close();
    }
}
