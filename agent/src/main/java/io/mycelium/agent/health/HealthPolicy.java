package io.mycelium.agent.health;

import java.time.Duration;
import java.util.Objects;

/**
 * When and how often to check, and how many results decide.
 *
 * @param check            what to check
 * @param startPeriod      failures during this time after launch do not count (the workload is starting);
 *                         with check {@code none} the instance is Ready once it has stayed up this long
 * @param interval         time between probes once Ready
 * @param startupInterval  the longest time between probes until first Ready (see {@link #startupDelay})
 * @param timeout          a probe taking longer fails
 * @param successThreshold consecutive successes to become healthy
 * @param failureThreshold consecutive counted failures to become unhealthy
 */
public record HealthPolicy(HealthCheck check, Duration startPeriod, Duration interval, Duration startupInterval,
                           Duration timeout, int successThreshold, int failureThreshold) {
    public HealthPolicy {
        Objects.requireNonNull(check, "check");
        requireNonNegative("start period", startPeriod);
        requirePositive("interval", interval);
        requirePositive("startup interval", startupInterval);
        requirePositive("timeout", timeout);
        if (successThreshold < 1 || failureThreshold < 1) {
            throw new IllegalArgumentException("health thresholds must be >= 1, got success " + successThreshold
                    + " and failure " + failureThreshold);
        }
    }

    /** The shortest time between two probes before the first Ready: one loopback connect per 5 ms. */
    public static final Duration FASTEST_STARTUP_PROBE = Duration.ofMillis(5);

    /**
     * The wait before the next probe while the instance has not been Ready yet, {@code sinceLaunch}
     * after its launch: a twentieth of the time it has been starting, at least
     * {@link #FASTEST_STARTUP_PROBE} and at most {@link #startupInterval}. So a workload that
     * listens after 60 ms is noticed within about 5 ms, and one that takes seconds (a JVM) is not
     * probed more often than every {@code startupInterval}; either way the wait is at most about 5 %
     * of its own start time.
     */
    public Duration startupDelay(Duration sinceLaunch) {
        Duration d = sinceLaunch.isNegative() ? Duration.ZERO : sinceLaunch.dividedBy(20);
        if (d.compareTo(FASTEST_STARTUP_PROBE) < 0) {
            d = FASTEST_STARTUP_PROBE;
        }
        return d.compareTo(startupInterval) > 0 ? startupInterval : d;
    }

    /** Defaults for a check: 10 s start period, 5 s interval, 50 ms startup interval, 1 s timeout, 1 success, 3 failures. */
    public static HealthPolicy defaults(HealthCheck check) {
        return new HealthPolicy(check, Duration.ofSeconds(10), Duration.ofSeconds(5), Duration.ofMillis(50),
                Duration.ofSeconds(1), 1, 3);
    }

    private static void requirePositive(String name, Duration d) {
        Objects.requireNonNull(d, name);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException("health " + name + " must be > 0, got " + d);
        }
    }

    private static void requireNonNegative(String name, Duration d) {
        Objects.requireNonNull(d, name);
        if (d.isNegative()) {
            throw new IllegalArgumentException("health " + name + " must be >= 0, got " + d);
        }
    }
}
