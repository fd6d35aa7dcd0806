package io.mycelium.agent.instance;

import java.time.Duration;
import java.util.Objects;

/**
 * How failed instances are restarted.
 *
 * @param initialBackoff    delay before the first restart
 * @param maxBackoff        the delay never grows beyond this
 * @param multiplier        each failure within the window multiplies the delay by this
 * @param jitter            the delay is varied by up to this fraction either way (0 to 1)
 * @param crashLoopFailures this many failures within the window is a crash loop
 * @param crashLoopWindow   failures older than this are forgotten
 */
public record RestartPolicy(Duration initialBackoff, Duration maxBackoff, double multiplier, double jitter,
                            int crashLoopFailures, Duration crashLoopWindow) {
    public RestartPolicy {
        Objects.requireNonNull(initialBackoff, "initialBackoff");
        Objects.requireNonNull(maxBackoff, "maxBackoff");
        Objects.requireNonNull(crashLoopWindow, "crashLoopWindow");
        if (initialBackoff.isNegative() || maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException("restart backoff: initial " + initialBackoff + " must be >= 0 and <= max " + maxBackoff);
        }
        if (!(multiplier >= 1.0) || !(jitter >= 0.0 && jitter <= 1.0)) {
            throw new IllegalArgumentException("restart backoff: multiplier " + multiplier + " must be >= 1 and jitter " + jitter + " within 0-1");
        }
        if (crashLoopFailures < 1 || crashLoopWindow.isNegative() || crashLoopWindow.isZero()) {
            throw new IllegalArgumentException("crash loop: failures " + crashLoopFailures + " must be >= 1 and window " + crashLoopWindow + " > 0");
        }
    }

    /** 500 ms doubling to 60 s, 20% jitter; 3 failures within 2 minutes is a crash loop. */
    public static RestartPolicy defaults() {
        return new RestartPolicy(Duration.ofMillis(500), Duration.ofSeconds(60), 2.0, 0.2, 3, Duration.ofMinutes(2));
    }
}
