package io.mycelium.fabric.model;

import io.mycelium.spore.digest.Digest;
import java.util.Objects;

/**
 * A router's figures for one revision of one app over one window: requests answered, errors among
 * them (5xx answers and failed exchanges), their p99 in milliseconds, and the window's end (the
 * router's clock, millis) and length. The rollout analysis sums these over the live routers.
 */
public record RevisionTraffic(String app, Digest digest, long requests, long errors, double p99Ms, long windowEndMs, long windowMs) {
    public RevisionTraffic {
        Checks.name("app", app);
        Objects.requireNonNull(digest, "digest");
        Checks.nonNegative("requests", requests);
        Checks.nonNegative("errors", errors);
        if (errors > requests) {
            throw new IllegalArgumentException("traffic of " + app + " " + digest.shortForm() + ": " + errors + " errors in " + requests + " requests");
        }
        if (!(p99Ms >= 0)) {
            throw new IllegalArgumentException("traffic of " + app + " " + digest.shortForm() + ": p99_ms " + p99Ms + " is not a non-negative number");
        }
        Checks.nonNegative("window_end_ms", windowEndMs);
        Checks.nonNegative("window_ms", windowMs);
    }
}
