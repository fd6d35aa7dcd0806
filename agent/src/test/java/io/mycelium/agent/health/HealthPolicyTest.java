package io.mycelium.agent.health;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class HealthPolicyTest {
    private static HealthPolicy withStartupInterval(Duration startupInterval) {
        return new HealthPolicy(HealthCheck.http("/health", 200), Duration.ofSeconds(10), Duration.ofSeconds(5),
                startupInterval, Duration.ofSeconds(1), 1, 3);
    }

    @Test
    void probesEveryFiveMillisecondsRightAfterLaunch() {
        HealthPolicy p = withStartupInterval(Duration.ofMillis(20));
        assertThat(p.startupDelay(Duration.ZERO)).isEqualTo(Duration.ofMillis(5));
        assertThat(p.startupDelay(Duration.ofMillis(60))).isEqualTo(Duration.ofMillis(5));
        assertThat(p.startupDelay(Duration.ofMillis(100))).isEqualTo(Duration.ofMillis(5));
    }

    @Test
    void theWaitGrowsWithTheStartTimeUpToTheStartupInterval() {
        HealthPolicy p = withStartupInterval(Duration.ofMillis(20));
        assertThat(p.startupDelay(Duration.ofMillis(200))).isEqualTo(Duration.ofMillis(10));
        assertThat(p.startupDelay(Duration.ofMillis(400))).isEqualTo(Duration.ofMillis(20));
        assertThat(p.startupDelay(Duration.ofSeconds(30))).isEqualTo(Duration.ofMillis(20));
    }

    @Test
    void aStartupIntervalBelowTheFastestProbeIsKept() {
        HealthPolicy p = withStartupInterval(Duration.ofMillis(2));
        assertThat(p.startupDelay(Duration.ZERO)).isEqualTo(Duration.ofMillis(2));
        assertThat(p.startupDelay(Duration.ofSeconds(5))).isEqualTo(Duration.ofMillis(2));
    }

    @Test
    void aNegativeElapsedTimeIsTreatedAsJustLaunched() {
        assertThat(withStartupInterval(Duration.ofMillis(50)).startupDelay(Duration.ofMillis(-3))).isEqualTo(Duration.ofMillis(5));
    }
}
