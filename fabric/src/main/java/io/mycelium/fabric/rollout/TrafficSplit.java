package io.mycelium.fabric.rollout;

import io.mycelium.fabric.model.RoutingReport;
import io.mycelium.spore.digest.Digest;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * How every router splits an app's requests: revision to relative weight for normal requests
 * (a revision not listed gets none; no weights at all: nothing is routable), and the revision
 * that preview requests reach (header {@code X-Mycelium-Preview: 1} or path
 * {@code /{app}@preview/...}; null: previews are routed like normal requests).
 */
public record TrafficSplit(SortedMap<Digest, Integer> weights, Digest preview) {
    public TrafficSplit {
        TreeMap<Digest, Integer> w = new TreeMap<>();
        for (Map.Entry<Digest, Integer> e : Objects.requireNonNull(weights, "weights").entrySet()) {
            if (e.getValue() < 0) {
                throw new IllegalArgumentException("traffic weight of " + e.getKey().shortForm() + " is negative: " + e.getValue());
            }
            if (e.getValue() > 0) {
                w.put(e.getKey(), e.getValue());
            }
        }
        weights = Collections.unmodifiableSortedMap(w);
    }

    public static TrafficSplit none() {
        return new TrafficSplit(new TreeMap<>(), null);
    }

    /** Every normal request to {@code d} (none if d is null). */
    public static TrafficSplit all(Digest d) {
        TreeMap<Digest, Integer> w = new TreeMap<>();
        if (d != null) {
            w.put(d, 100);
        }
        return new TrafficSplit(w, null);
    }

    /** {@code percent} of normal requests to {@code to}, the rest to {@code from}. */
    public static TrafficSplit weighted(Digest from, Digest to, int percent) {
        TreeMap<Digest, Integer> w = new TreeMap<>();
        w.put(from, 100 - percent);
        w.put(to, percent);
        return new TrafficSplit(w, null);
    }

    public TrafficSplit withPreview(Digest d) {
        return new TrafficSplit(weights, d);
    }

    public int weightOf(Digest d) {
        return weights.getOrDefault(d, 0);
    }

    /** Whether a router's report says it applies exactly this split for {@code rollout}. */
    public boolean appliedBy(RoutingReport r, long rollout) {
        return r.rollout() == rollout && r.weights().equals(weights) && Objects.equals(r.preview(), preview);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        weights.forEach((d, w) -> sb.append(sb.isEmpty() ? "" : ", ").append(d.shortForm()).append(' ').append(w));
        if (weights.isEmpty()) {
            sb.append("nothing");
        }
        return preview == null ? sb.toString() : sb + " (preview " + preview.shortForm() + ")";
    }
}
