package io.mycelium.edge.route;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * How one app's requests are split across its revisions: revision to relative weight for normal
 * requests, and the revision preview requests reach. Every edge applies the split the rollout
 * decision gives (see {@code io.mycelium.fabric.rollout.TrafficSplit}); the edge only chooses, per
 * request, among the weighted revisions that have a Ready endpoint, and the balancer then picks
 * the endpoint within that revision.
 *
 * @param weights revision to weight (positive); empty: every revision, by its endpoints (an app
 *                without a plan)
 * @param preview the revision of preview requests, or null: previews go like normal requests
 */
public record RevisionSplit(SortedMap<String, Integer> weights, String preview) {
    /** No split: every Ready endpoint of every revision. */
    public static final RevisionSplit ANY = new RevisionSplit(new TreeMap<>(), null);

    public RevisionSplit {
        TreeMap<String, Integer> w = new TreeMap<>();
        Objects.requireNonNull(weights, "weights").forEach((r, n) -> {
            if (n > 0) {
                w.put(Objects.requireNonNull(r, "revision"), n);
            }
        });
        weights = Collections.unmodifiableSortedMap(w);
    }

    /** All normal requests to {@code revision}. */
    public static RevisionSplit only(String revision) {
        return new RevisionSplit(new TreeMap<>(Map.of(revision, 1)), null);
    }

    /** Whether normal requests may go to {@code revision}. */
    public boolean routes(String revision) {
        return weights.isEmpty() || weights.containsKey(revision);
    }

    /** Whether a request may go to {@code revision}: normal or preview. */
    public boolean reaches(String revision) {
        return routes(revision) || revision.equals(preview);
    }

    /**
     * The revision of one normal request: a weighted choice among the weighted revisions in
     * {@code available} (those with a Ready endpoint), by {@code roll} in [0, 1).
     *
     * @return the revision, or null when no weighted revision is available
     */
    public String choose(Set<String> available, double roll) {
        long total = 0;
        for (Map.Entry<String, Integer> e : weights.entrySet()) {
            if (available.contains(e.getKey())) {
                total += e.getValue();
            }
        }
        if (total == 0) {
            return null;
        }
        double point = roll * total;
        String last = null;
        for (Map.Entry<String, Integer> e : weights.entrySet()) {
            if (available.contains(e.getKey())) {
                last = e.getKey();
                point -= e.getValue();
                if (point < 0) {
                    return last;
                }
            }
        }
        return last;
    }
}
