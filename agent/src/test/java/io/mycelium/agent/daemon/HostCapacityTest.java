package io.mycelium.agent.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HostCapacityTest {
    @Test
    void keepsTenPercentForTheHostWithAFloorAndNeverMoreThanHalf() {
        assertThat(HostCapacity.allocatable(16_000, 250)).isEqualTo(14_400);
        assertThat(HostCapacity.allocatable(2_000, 250)).as("the floor").isEqualTo(1_750);
        assertThat(HostCapacity.allocatable(24_000, 256)).isEqualTo(21_600);
        assertThat(HostCapacity.allocatable(300, 256)).as("at most half of a tiny host").isEqualTo(150);
    }

    @Test
    void thisHostOffersLessThanItHas() {
        long processors = Runtime.getRuntime().availableProcessors() * 1000L;
        assertThat(HostCapacity.cpuMilli()).isLessThan(processors).isGreaterThanOrEqualTo(processors / 2);
        assertThat(HostCapacity.memoryMb()).isPositive();
    }
}
