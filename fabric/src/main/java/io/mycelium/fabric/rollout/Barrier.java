package io.mycelium.fabric.rollout;

import io.mycelium.fabric.ClusterMember;
import io.mycelium.fabric.ClusterView;
import io.mycelium.fabric.model.RecordKind;
import io.mycelium.fabric.model.Role;
import io.mycelium.fabric.model.RoutingReport;
import io.mycelium.fabric.state.FabricRecord;
import io.mycelium.fabric.state.RecordKey;
import io.mycelium.spore.digest.Digest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The switch barrier: the revision that is leaving may be stopped only once every live router
 * (every live edge, every live agent whose hyphae router has published where it listens, and
 * every other live member that reports routing for the app) has reported, through
 * the fabric, that it applies the current split of this rollout and has nothing in flight to the
 * leaving revision, and that it sees a Ready endpoint of every revision the split sends normal
 * requests to (so that no router is left answering 503 once the leaving revision stops). Never
 * a guessed delay.
 *
 * @param leaving the revision traffic moves away from
 * @param passed  every router has switched
 * @param waiting router id to why the barrier still waits for it, in id order
 */
public record Barrier(Digest leaving, boolean passed, Map<String, String> waiting) {
    public Barrier {
        Objects.requireNonNull(leaving, "leaving");
        waiting = java.util.Collections.unmodifiableMap(new TreeMap<>(waiting));
    }

    static Barrier check(ClusterView view, String app, long rollout, TrafficSplit split, Digest leaving) {
        Map<String, RoutingReport> reports = reports(view, app);
        TreeMap<String, String> waiting = new TreeMap<>();
        for (String router : routers(view, reports)) {
            RoutingReport r = reports.get(router);
            if (r == null) {
                waiting.put(router, "has not reported its routing");
            } else if (!split.appliedBy(r, rollout)) {
                waiting.put(router, "still routes " + new TrafficSplit(new TreeMap<>(r.weights()), r.preview())
                        + (r.rollout() == rollout ? "" : " for another rollout"));
            } else if (r.inFlightTo(leaving) > 0) {
                waiting.put(router, r.inFlightTo(leaving) + " requests still in flight to " + leaving.shortForm());
            } else {
                blind(r, split).ifPresent(d -> waiting.put(router, "routes " + d.shortForm() + " but sees no Ready endpoint of it yet"));
            }
        }
        return new Barrier(leaving, waiting.isEmpty(), waiting);
    }

    /** A revision the split weights that the report says it sees no Ready endpoint of (reports that do not say pass). */
    private static java.util.Optional<Digest> blind(RoutingReport r, TrafficSplit split) {
        return split.weights().keySet().stream().filter(d -> r.readyOf(d) == 0).findFirst();
    }

    private static Map<String, RoutingReport> reports(ClusterView view, String app) {
        Map<String, RoutingReport> out = new TreeMap<>();
        for (FabricRecord r : view.records()) {
            if (r.key().kind() == RecordKind.ROUTING && r.key().name().equals(app) && !r.tombstone()) {
                out.put(r.key().owner(), r.value(RoutingReport.class).orElseThrow());
            }
        }
        return out;
    }

    /**
     * The live routers: edges, members with a hyphae router (their {@code hyphae} record: app-to-app
     * calls go through it, so it must leave the old revision too before it stops), and any member
     * that reports.
     */
    private static List<String> routers(ClusterView view, Map<String, RoutingReport> reports) {
        List<String> out = new ArrayList<>();
        for (ClusterMember m : view.liveMembers()) {
            if (m.role() == Role.EDGE || reports.containsKey(m.id()) || hasRouter(view, m.id())) {
                out.add(m.id());
            }
        }
        return out;
    }

    private static boolean hasRouter(ClusterView view, String node) {
        return view.record(RecordKey.node(RecordKind.HYPHAE, node, "")).filter(r -> !r.tombstone()).isPresent();
    }

    /** The wait in words: {@code edge-2 still routes ...; edge-3 has not reported its routing}. */
    String text() {
        List<String> parts = new ArrayList<>();
        waiting.forEach((id, why) -> parts.add(id + " " + why));
        return String.join("; ", parts);
    }
}
