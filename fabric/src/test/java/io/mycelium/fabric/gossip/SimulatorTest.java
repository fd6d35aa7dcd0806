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
}
