package io.mycelium.edge.observe;

import java.time.Duration;
import java.util.Objects;

/**
 * One revision's figures over the last telemetry window, which the rollout analysis reads.
 *
 * @param app      the app
 * @param revision the revision (spore digest)
 * @param requests requests answered in the window after being routed to it
 * @param errors   among them, 5xx answers (its own, or the edge's 502/504 for a failed exchange)
 * @param p99      their 99th percentile latency
 * @param window   the window's length
 */
public record RevisionLatency(String app, String revision, long requests, long errors, Duration p99, Duration window) {
    public RevisionLatency {
        Objects.requireNonNull(app, "app");
        Objects.requireNonNull(revision, "revision");
        Objects.requireNonNull(p99, "p99");
        Objects.requireNonNull(window, "window");
        if (requests < 0 || errors < 0 || errors > requests) {
            throw new IllegalArgumentException("revision " + revision + " of " + app + ": " + errors + " errors in " + requests + " requests");
        }
    }
}
