package io.mycelium.edge.fabric;

import io.mycelium.edge.route.EndpointDirectory;
import io.mycelium.fabric.Fabric;
import io.mycelium.fabric.model.RecordKind;
import io.mycelium.fabric.model.RoutingReport;
import io.mycelium.fabric.rollout.RolloutDecision;
import io.mycelium.fabric.rollout.TrafficSplit;
import io.mycelium.spore.digest.Digest;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * A router's part in the rollouts' switch barrier (an edge's, and an agent's hyphae router's): for
 * every planned app, a {@link RoutingReport} of the split it applies (its directory's decision),
 * of the requests still in flight to the revisions it no longer routes and of the Ready endpoints
 * it can reach of the revisions it routes, published (as this node's {@code routing} record)
 * whenever that changes: when the split changes, and when the in-flight count to a leaving
 * revision moves, down to zero. In-flight counts of the revisions it routes are left out: they
 * change with every request and the barrier does not read them.
 *
 * <p>One daemon thread (named by the caller: {@code edge-routing}, {@code hyphae-routing}) checks
 * every {@code tick} and refreshes the directory every {@code refreshEvery}, since a rollout's
 * decision also moves with time (a canary step's hold, {@code auto_promote_after}, the scale-down
 * delay).
 */
public final class RoutingReports implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(RoutingReports.class.getName());

    private final FabricEndpointDirectory directory;
    private final EndpointDirectory reachable;
    private final Function<String, Map<String, Long>> inFlight;
    private final Consumer<Object> publisher;
    private final Consumer<String> deleter;
    private final Map<String, RoutingReport> published = new HashMap<>();
    private final ScheduledExecutorService loop;

    /**
     * @param directory the decisions (split per app) the router applies
     * @param reachable the endpoints the router can send requests to (their Ready counts are reported)
     * @param inFlight  app to revision (digest string) to requests in flight now (the proxy's)
     */
    RoutingReports(FabricEndpointDirectory directory, EndpointDirectory reachable, Function<String, Map<String, Long>> inFlight,
                   Consumer<Object> publisher, Consumer<String> deleter, String threadName) {
        this.directory = Objects.requireNonNull(directory, "directory");
        this.reachable = Objects.requireNonNull(reachable, "reachable");
        this.inFlight = Objects.requireNonNull(inFlight, "inFlight");
        this.publisher = Objects.requireNonNull(publisher, "publisher");
        this.deleter = Objects.requireNonNull(deleter, "deleter");
        this.loop = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, threadName);
            t.setDaemon(true);
            return t;
        });
    }

    /** An edge's reports into {@code fabric}: checks every {@code tick}, refreshes the directory every {@code refreshEvery}. */
    public static RoutingReports start(Fabric fabric, FabricEndpointDirectory directory, Function<String, Map<String, Long>> inFlight,
                                       Duration tick, Duration refreshEvery) {
        return start(fabric, directory, directory, inFlight, tick, refreshEvery, "edge-routing");
    }

    /**
     * A router's reports into {@code fabric} whose requests go to the endpoints of {@code reachable}
     * (a hyphae router's own view of {@code directory}'s snapshots) on thread {@code threadName}.
     */
    public static RoutingReports start(Fabric fabric, FabricEndpointDirectory directory, EndpointDirectory reachable,
                                       Function<String, Map<String, Long>> inFlight, Duration tick, Duration refreshEvery, String threadName) {
        RoutingReports r = new RoutingReports(directory, reachable, inFlight, fabric::publish, app -> fabric.delete(RecordKind.ROUTING, app),
                threadName);
        long every = Math.max(1, refreshEvery.toMillis() / Math.max(1, tick.toMillis()));
        long[] ticks = {0};
        r.loop.scheduleWithFixedDelay(() -> {
            try {
                if (++ticks[0] % every == 0) {
                    directory.refresh();
                }
                r.report();
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, threadName + " reports: " + e);
            }
        }, tick.toMillis(), tick.toMillis(), TimeUnit.MILLISECONDS);
        return r;
    }

    /** Publishes every app's report that changed, and deletes those of apps that are gone. */
    synchronized void report() {
        HashSet<String> seen = new HashSet<>();
        for (String app : directory.apps()) {
            Optional<RolloutDecision> d = directory.decision(app);
            if (d.isEmpty()) {
                continue;
            }
            seen.add(app);
            RoutingReport r = of(app, d.get(), inFlight.apply(app), reachable.app(app).map(RoutingReports::readyByRevision).orElse(Map.of()));
            if (!r.equals(published.get(app))) {
                publisher.accept(r);
                published.put(app, r);
            }
        }
        for (String app : Map.copyOf(published).keySet()) {
            if (!seen.contains(app)) {
                deleter.accept(app);
                published.remove(app);
            }
        }
    }

    /** Ready endpoints per revision (digest string) in one app's snapshot. */
    static Map<String, Integer> readyByRevision(io.mycelium.edge.route.AppEndpoints app) {
        Map<String, Integer> out = new HashMap<>();
        for (io.mycelium.edge.route.Endpoint e : app.endpoints()) {
            if (e.state() == io.mycelium.edge.route.Endpoint.State.READY) {
                out.merge(e.revision(), 1, Integer::sum);
            }
        }
        return out;
    }

    /**
     * The report of one app: the decision's split and rollout, what is in flight to the revisions
     * the split no longer reaches, and the Ready endpoints this router sees of the revisions it reaches.
     */
    static RoutingReport of(String app, RolloutDecision d, Map<String, Long> inFlight, Map<String, Integer> readyEndpoints) {
        TrafficSplit split = d.split();
        Map<Digest, Long> leaving = new TreeMap<>();
        inFlight.forEach((revision, n) -> {
            Digest r;
            try {
                r = Digest.parse(revision);
            } catch (IllegalArgumentException notADigest) {
                return;
            }
            if (split.weightOf(r) == 0 && !r.equals(split.preview())) {
                leaving.put(r, n);
            }
        });
        Map<Digest, Integer> ready = new TreeMap<>();
        for (Digest r : split.weights().keySet()) {
            ready.put(r, readyEndpoints.getOrDefault(r.toString(), 0));
        }
        if (split.preview() != null) {
            ready.put(split.preview(), readyEndpoints.getOrDefault(split.preview().toString(), 0));
        }
        return new RoutingReport(app, d.state().rollout(), split.weights(), split.preview(), leaving, ready);
    }

    @Override
    public void close() {
        loop.shutdownNow();
    }
}
