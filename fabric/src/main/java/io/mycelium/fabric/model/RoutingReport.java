package io.mycelium.fabric.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import io.mycelium.spore.digest.Digest;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What one router (an edge, or an agent's app-to-app router) applies to an app right now: a
 * node-owned record (owner: the node, name: the app), published when the split it applies changes
 * and when its in-flight count to a revision it no longer routes reaches zero. The rollout's switch
 * barrier passes when every live router reports the decided split of the current rollout with
 * nothing in flight to the revision that is leaving, and Ready endpoints of every revision it
 * routes to (a router that applies the new split but has not yet learned where the new revision
 * runs would answer 503 once the old one stops).
 *
 * @param app      the app
 * @param rollout  the rollout whose split it applies ({@link RolloutCommand#rollout()}; 0: none)
 * @param weights  revision to relative weight of normal requests (zero weights are dropped)
 * @param preview  the revision preview requests reach (null: none)
 * @param inFlight revision to requests in flight to it now (zeros are dropped)
 * @param ready    revision to the Ready endpoints the router sees of it, for the revisions it
 *                 routes or previews (zeros are dropped); null: a router that does not say
 *                 (older versions), which the barrier takes at its word
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RoutingReport(String app, long rollout,
                            @JsonDeserialize(keyUsing = DigestKeys.class) Map<Digest, Integer> weights, Digest preview,
                            @JsonDeserialize(keyUsing = DigestKeys.class) Map<Digest, Long> inFlight,
                            @JsonDeserialize(keyUsing = DigestKeys.class) Map<Digest, Integer> ready) {
    public RoutingReport {
        Checks.name("app", app);
        Checks.nonNegative("rollout", rollout);
        weights = positive("weight", app, weights);
        inFlight = positive("in-flight count", app, inFlight);
        ready = ready == null ? null : positive("Ready endpoint count", app, ready);
    }

    /** A report without Ready endpoint counts (what routers before them published). */
    public RoutingReport(String app, long rollout, Map<Digest, Integer> weights, Digest preview, Map<Digest, Long> inFlight) {
        this(app, rollout, weights, preview, inFlight, null);
    }

    private static <N extends Number> Map<Digest, N> positive(String what, String app, Map<Digest, N> in) {
        TreeMap<Digest, N> out = new TreeMap<>();
        for (Map.Entry<Digest, N> e : (in == null ? Map.<Digest, N>of() : in).entrySet()) {
            Objects.requireNonNull(e.getKey(), "revision");
            long v = e.getValue().longValue();
            if (v < 0) {
                throw new IllegalArgumentException("routing of " + app + ": " + what + " of " + e.getKey().shortForm() + " is negative (" + v + ")");
            }
            if (v > 0) {
                out.put(e.getKey(), e.getValue());
            }
        }
        return Collections.unmodifiableMap(out);
    }

    /** The Ready endpoints of {@code d} this router sees; -1 when the report does not say. */
    public int readyOf(Digest d) {
        if (ready == null) {
            return -1;
        }
        Integer n = ready.get(d);
        return n == null ? 0 : n;
    }

    public long inFlightTo(Digest d) {
        Long n = inFlight.get(d);
        return n == null ? 0 : n;
    }
}
