package io.mycelium.agent.instance;

import java.time.Duration;
import java.util.Objects;
import java.util.random.RandomGenerator;

/** Exponential backoff with jitter; pure apart from the injected random source. Not thread-safe. */
public final class Backoff {
    private final RestartPolicy policy;
    private final RandomGenerator random;

    public Backoff(RestartPolicy policy, RandomGenerator random) {
        this.policy = Objects.requireNonNull(policy, "policy");
        this.random = Objects.requireNonNull(random, "random");
    }

    /**
     * The delay before restart number {@code attempt} (1 for the first failure in the window):
     * {@code initial * multiplier^(attempt-1)}, capped at max, then varied by +-jitter and capped again.
     */
    public Duration delay(int attempt) {
        if (attempt < 1) {
            throw new IllegalArgumentException("attempt " + attempt + " must be >= 1");
        }
        double base = policy.initialBackoff().toNanos() * Math.pow(policy.multiplier(), attempt - 1);
        double capped = Math.min(base, policy.maxBackoff().toNanos());
        double factor = 1.0 + policy.jitter() * (2.0 * random.nextDouble() - 1.0);
        long nanos = (long) Math.min(capped * factor, policy.maxBackoff().toNanos());
        return Duration.ofNanos(Math.max(0, nanos));
    }
}
