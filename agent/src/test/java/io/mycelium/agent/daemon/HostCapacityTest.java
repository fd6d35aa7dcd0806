package io.mycelium.agent.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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

    @Test
    void anOperatorsReserveReplacesTheDefaultAndMustLeaveSomething() {
        assertThat(HostCapacity.offered("reserve_cpu_milli", "millicores", 2_000, 500L, 250)).isEqualTo(1_500);
        assertThat(HostCapacity.offered("reserve_cpu_milli", "millicores", 2_000, 0L, 250)).as("no reserve at all").isEqualTo(2_000);
        assertThat(HostCapacity.offered("reserve_cpu_milli", "millicores", 2_000, null, 250)).as("the default").isEqualTo(1_750);
        assertThatThrownBy(() -> HostCapacity.offered("reserve_memory_mb", "MiB", 4_096, 4_096L, 256))
                .hasMessage("reserve_memory_mb 4096 leaves nothing of this host's 4096 MiB for instances: give a smaller reserve (or leave it out for 10%)");
        long processors = Runtime.getRuntime().availableProcessors() * 1000L;
        assertThat(HostCapacity.cpuMilli(100L)).isEqualTo(processors - 100);
    }

    @Test
    void theAgentSaysAtStartWhetherItEnforcesNutrientsOrOnlyAccountsForThem() {
        assertThat(Agent.enforcement("a", java.util.Optional.empty()))
                .contains("no writable cgroups").contains("NOT enforced").contains("accounting only").contains("run the agent as root");
        assertThat(Agent.enforcement("a", java.util.Optional.of(new io.mycelium.agent.cgroup.CgroupV1(java.nio.file.Path.of("/nowhere"), "m"))))
                .contains("cgroup v1").doesNotContain("NOT");
    }
}
