package io.mycelium.fabric.gossip;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SimulatorTest {
    @Test
    void thousandNodesWithoutLossHoldThePlanWithinTarget() {
        Simulator.Result r = Simulator.run(Simulator.Config.of(1000, 200, 3, 0.0, 1));
        System.out.println(r);
        assertThat(r.complete()).isTrue();
        assertThat(r.p50Ms()).isLessThanOrEqualTo(r.p99Ms());
        assertThat(r.p99Ms()).isLessThanOrEqualTo(r.p9999Ms());
        assertThat(r.p9999Ms()).isLessThanOrEqualTo(1500);
        assertThat(r.msgsPerNodePerS()).isPositive();
    }

    @Test
    void thousandNodesWithFivePercentLossHoldThePlanWithinTarget() {
        Simulator.Result r = Simulator.run(Simulator.Config.of(1000, 200, 3, 0.05, 2));
        System.out.println(r);
        assertThat(r.complete()).isTrue();
        assertThat(r.p9999Ms()).isLessThanOrEqualTo(1800);
    }

    @Test
    void intervalOnlyGossipIsSlowerButStillComplete() {
        Simulator.Config c = Simulator.Config.of(300, 200, 3, 0.0, 3);
        Simulator.Result fast = Simulator.run(c);
        Simulator.Result slow = Simulator.run(c.withForwardOnReceipt(false));
        assertThat(slow.complete()).isTrue();
        assertThat(slow.p9999Ms()).isGreaterThan(fast.p9999Ms());
        assertThat(slow.rounds()).isGreaterThan(fast.rounds());
    }

    /** Benchmark-sized (about 40 s here): {@code -Dtest=SimulatorTest -Dsurefire.excludedGroups=none}. */
    @Test
    @org.junit.jupiter.api.Tag("benchmark")
    void tenThousandNodesComplete() {
        Simulator.Result r = Simulator.run(Simulator.Config.of(10_000, 200, 3, 0.05, 5));
        assertThat(r.complete()).isTrue();
        assertThat(r.nodes()).isEqualTo(10_000);
    }
}
