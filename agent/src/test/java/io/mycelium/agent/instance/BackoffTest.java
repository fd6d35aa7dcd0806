package io.mycelium.agent.instance;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.random.RandomGenerator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BackoffTest {
    /** A random source that always returns the same double. */
    static RandomGenerator fixed(double value) {
        return new RandomGenerator() {
            @Override
            public long nextLong() {
                return 0;
            }

            @Override
            public double nextDouble() {
                return value;
            }
        };
    }

    private static final RestartPolicy POLICY = new RestartPolicy(Duration.ofMillis(100), Duration.ofSeconds(2), 2.0, 0.5, 3, Duration.ofMinutes(1));

    @Test
    void growsExponentiallyUpToTheCap() {
        Backoff b = new Backoff(POLICY, fixed(0.5)); // 0.5 means no jitter either way
        assertThat(b.delay(1)).isEqualTo(Duration.ofMillis(100));
        assertThat(b.delay(2)).isEqualTo(Duration.ofMillis(200));
        assertThat(b.delay(4)).isEqualTo(Duration.ofMillis(800));
        assertThat(b.delay(5)).isEqualTo(Duration.ofMillis(1600));
        assertThat(b.delay(6)).isEqualTo(Duration.ofSeconds(2));
        assertThat(b.delay(60)).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void jitterSpreadsTheDelayBothWaysButNeverPastTheCap() {
        assertThat(new Backoff(POLICY, fixed(0.0)).delay(2)).isEqualTo(Duration.ofMillis(100));
        assertThat(new Backoff(POLICY, fixed(0.99999999)).delay(2).toMillis()).isEqualTo(299);
        assertThat(new Backoff(POLICY, fixed(0.99999999)).delay(10)).isEqualTo(Duration.ofSeconds(2));
        assertThat(new Backoff(POLICY, fixed(0.0)).delay(10)).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void realRandomStaysWithinTheJitterBand() {
        Backoff b = new Backoff(POLICY, RandomGenerator.of("L64X128MixRandom"));
        for (int i = 0; i < 1000; i++) {
            assertThat(b.delay(3).toMillis()).isBetween(200L, 600L);
        }
    }

    @Test
    void rejectsBadPoliciesAndAttempts() {
        assertThatThrownBy(() -> new Backoff(POLICY, fixed(0.5)).delay(0)).hasMessageContaining("attempt 0");
        assertThatThrownBy(() -> new RestartPolicy(Duration.ofSeconds(5), Duration.ofSeconds(1), 2, 0.1, 3, Duration.ofMinutes(1)))
                .hasMessageContaining("must be >= 0 and <= max");
        assertThatThrownBy(() -> new RestartPolicy(Duration.ofSeconds(1), Duration.ofSeconds(5), 0.5, 0.1, 3, Duration.ofMinutes(1)))
                .hasMessageContaining("multiplier 0.5");
        assertThatThrownBy(() -> new RestartPolicy(Duration.ofSeconds(1), Duration.ofSeconds(5), 2, 1.5, 3, Duration.ofMinutes(1)))
                .hasMessageContaining("jitter 1.5");
    }
}
