package io.mycelium.agent.instance;

import io.mycelium.fabric.model.InstanceState;
import io.mycelium.agent.health.HealthCheck;
import io.mycelium.spore.time.ManualClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The crash-loop window follows the injected clock, not the wall clock. */
class CrashWindowTest {
    @TempDir
    Path temp;
    SupervisorFixture fx;
    final ManualClock fakeClock = new ManualClock(Instant.parse("2026-11-28T12:00:00Z"));
    final List<InstanceTransition> events = new CopyOnWriteArrayList<>();

    @BeforeEach
    void setUp() {
        fx = new SupervisorFixture(temp);
    }

    @AfterEach
    void tearDown() throws Exception {
        fx.close();
    }

    private Supervisor supervisor(boolean advanceOnFailure) {
        return new Supervisor(fx.driver, new InstanceStore(fx.dataDir), fakeClock, BackoffTest.fixed(0.5), SupervisorFixture.config(), t -> {
            events.add(t);
            fx.workloads.track(t.status().pid());
            if (advanceOnFailure && t.to() == InstanceState.FAILED) {
                fakeClock.advance(Duration.ofMinutes(2));
            }
        });
    }

    private InstanceSpec crasher() {
        return fx.spec("crash-w", "exit-at-once.sh", 0, HealthCheck.none(), Duration.ofSeconds(1), Duration.ofSeconds(1));
    }

    @Test
    void failuresFurtherApartThanTheWindowNeverMakeACrashLoop() throws Exception {
        Supervisor s = supervisor(true);
        try {
            s.start(crasher());
            await().atMost(Duration.ofSeconds(20)).until(() -> fx.driver.launches.get() >= 5);
            assertThat(events).extracting(InstanceTransition::to).doesNotContain(InstanceState.CRASH_LOOP).contains(InstanceState.FAILED);
            // Each failure is the first in its window, so the backoff never grows: 50 ms every time.
            assertThat(events).filteredOn(e -> e.to() == InstanceState.FAILED)
                    .allSatisfy(e -> assertThat(e.status().message()).endsWith("; restart in 50 ms"));
            assertThat(events.get(1).status().since()).isEqualTo(Instant.parse("2026-11-28T12:00:00Z"));
        } finally {
            s.stopAll().get();
            s.close();
        }
    }

    @Test
    void failuresWithinTheWindowGrowTheBackoffAndBecomeACrashLoop() throws Exception {
        Supervisor s = supervisor(false);
        try {
            s.start(crasher());
            await().atMost(Duration.ofSeconds(20)).until(() -> events.stream().anyMatch(e -> e.to() == InstanceState.CRASH_LOOP));
            assertThat(events).filteredOn(e -> e.to() == InstanceState.FAILED || e.to() == InstanceState.CRASH_LOOP)
                    .extracting(e -> e.status().message().replaceAll(".*; restart in ", ""))
                    .startsWith("50 ms", "100 ms", "200 ms");
        } finally {
            s.stopAll().get();
            s.close();
        }
    }
}
