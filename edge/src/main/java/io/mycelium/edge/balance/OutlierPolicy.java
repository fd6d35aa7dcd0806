package io.mycelium.edge.balance;

import java.time.Duration;
import java.util.Objects;

/**
 * Passive outlier ejection: after {@code consecutiveFailures} failures in a row an endpoint gets
 * no traffic for {@code baseEjection}, doubled at each further ejection up to {@code maxEjection};
 * a success resets the failure count and the backoff.
 */
public record OutlierPolicy(int consecutiveFailures, Duration baseEjection, Duration maxEjection) {

    public OutlierPolicy {
        Objects.requireNonNull(baseEjection, "baseEjection");
        Objects.requireNonNull(maxEjection, "maxEjection");
        if (consecutiveFailures < 1) {
            throw new IllegalArgumentException("consecutiveFailures " + consecutiveFailures + " must be >= 1");
        }
        if (baseEjection.isNegative() || baseEjection.isZero()) {
            throw new IllegalArgumentException("baseEjection " + baseEjection + " must be positive");
        }
        if (maxEjection.compareTo(baseEjection) < 0) {
            throw new IllegalArgumentException("maxEjection " + maxEjection + " is shorter than baseEjection " + baseEjection);
        }
    }

    /** 5 failures, 5 s doubling up to 2 min. */
    public static OutlierPolicy defaults() {
        return new OutlierPolicy(5, Duration.ofSeconds(5), Duration.ofMinutes(2));
    }
}
