package io.mycelium.agent.health;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static io.mycelium.agent.health.HealthTracker.Verdict.HEALTHY;
import static io.mycelium.agent.health.HealthTracker.Verdict.STARTING;
import static io.mycelium.agent.health.HealthTracker.Verdict.UNHEALTHY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HealthTrackerTest {
    private static final Instant T0 = Instant.parse("2026-11-28T00:00:00Z");
    private static final ProbeResult OK = ProbeResult.ok("http 200");
    private static final ProbeResult BAD = ProbeResult.failed("connection refused");

    private static HealthPolicy policy(int success, int failure) {
        return new HealthPolicy(HealthCheck.http("/health", 200), Duration.ofSeconds(10), Duration.ofSeconds(5),
                Duration.ofMillis(50), Duration.ofSeconds(1), success, failure);
    }

    @Test
    void failuresInsideTheStartPeriodDoNotCount() {
        HealthTracker t = new HealthTracker(policy(1, 2), T0);
        assertThat(t.record(BAD, T0.plusSeconds(1))).isEqualTo(STARTING);
        assertThat(t.record(BAD, T0.plusSeconds(9))).isEqualTo(STARTING);
        assertThat(t.consecutiveFailures()).isZero();
        assertThat(t.record(BAD, T0.plusSeconds(10))).isEqualTo(STARTING);
        assertThat(t.record(BAD, T0.plusSeconds(11))).isEqualTo(UNHEALTHY);
        assertThat(t.last()).isEqualTo(BAD);
    }

    @Test
    void becomesHealthyAfterTheSuccessThresholdAndUnhealthyAfterTheFailureThreshold() {
        HealthTracker t = new HealthTracker(policy(2, 3), T0);
        assertThat(t.record(OK, T0.plusMillis(50))).isEqualTo(STARTING);
        assertThat(t.record(OK, T0.plusMillis(100))).isEqualTo(HEALTHY);
        Instant late = T0.plusSeconds(60);
        assertThat(t.record(BAD, late)).isEqualTo(HEALTHY);
        assertThat(t.record(BAD, late.plusSeconds(5))).isEqualTo(HEALTHY);
        assertThat(t.record(OK, late.plusSeconds(10))).as("a success resets the failure count").isEqualTo(HEALTHY);
        assertThat(t.record(BAD, late.plusSeconds(15))).isEqualTo(HEALTHY);
        assertThat(t.record(BAD, late.plusSeconds(20))).isEqualTo(HEALTHY);
        assertThat(t.record(BAD, late.plusSeconds(25))).isEqualTo(UNHEALTHY);
        assertThat(t.record(OK, late.plusSeconds(30))).isEqualTo(UNHEALTHY);
        assertThat(t.record(OK, late.plusSeconds(35))).isEqualTo(HEALTHY);
    }

    @Test
    void policyRejectsNonsense() {
        assertThatThrownBy(() -> policy(0, 1)).hasMessageContaining("thresholds must be >= 1");
        assertThatThrownBy(() -> new HealthPolicy(HealthCheck.tcp(), Duration.ZERO, Duration.ZERO, Duration.ofMillis(1),
                Duration.ofSeconds(1), 1, 1)).hasMessage("health interval must be > 0, got PT0S");
        assertThatThrownBy(() -> HealthCheck.http("health", 200)).hasMessageContaining("must start with '/'");
        assertThatThrownBy(() -> HealthCheck.http("/a b", 200)).hasMessageContaining("no spaces");
        assertThatThrownBy(() -> HealthCheck.http("/h", 99)).hasMessageContaining("outside 100-599");
    }
}
