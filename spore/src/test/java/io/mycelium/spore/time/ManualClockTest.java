package io.mycelium.spore.time;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ManualClockTest {
    @Test
    void advanceMovesWallAndMonotonicTimeTogether() {
        ManualClock clock = new ManualClock(Instant.parse("2026-11-28T12:00:00Z"));
        long nanos = clock.nanoTime();
        clock.advance(Duration.ofMillis(1500));
        assertThat(clock.instant()).isEqualTo(Instant.parse("2026-11-28T12:00:01.500Z"));
        assertThat(clock.nanoTime() - nanos).isEqualTo(1_500_000_000L);
    }

    @Test
    void settingTheWallClockBackDoesNotMoveMonotonicTime() {
        ManualClock clock = new ManualClock(Instant.parse("2026-11-28T12:00:00Z"));
        clock.advance(Duration.ofSeconds(5));
        long nanos = clock.nanoTime();
        clock.set(Instant.parse("2026-11-28T11:00:00Z"));
        assertThat(clock.millis()).isEqualTo(Instant.parse("2026-11-28T11:00:00Z").toEpochMilli());
        assertThat(clock.nanoTime()).isEqualTo(nanos);
    }

    @Test
    void refusesToStepBackwards() {
        assertThatThrownBy(() -> new ManualClock().advance(Duration.ofMillis(-1)))
                .hasMessageContaining("only moves forward");
    }

    @Test
    void aLambdaClockDerivesMonotonicTimeFromMillis() {
        Clock clock = () -> 42;
        assertThat(clock.nanoTime()).isEqualTo(42_000_000L);
        assertThat(clock.instant()).isEqualTo(Instant.ofEpochMilli(42));
    }

    @Test
    void systemClockFollowsTheSystem() {
        long before = System.currentTimeMillis();
        long millis = Clock.SYSTEM.millis();
        assertThat(millis).isBetween(before, System.currentTimeMillis());
        long n1 = Clock.SYSTEM.nanoTime();
        assertThat(Clock.SYSTEM.nanoTime()).isGreaterThanOrEqualTo(n1);
    }
}
