package io.mycelium.agent.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AgentConfigTest {
    @TempDir
    Path tmp;

    private AgentConfig minimal() {
        return AgentConfig.builder("a", 7946, tmp.resolve("data"), tmp.resolve("cluster.key"), tmp.resolve("ops"), tmp.resolve("pubs")).build();
    }

    @Test
    void theDefaultsAreThoseTheDocsName() {
        AgentConfig c = minimal();
        assertThat(c.cluster()).isEqualTo("mycelium");
        assertThat(c.bind()).isEqualTo("127.0.0.1");
        assertThat(c.portFirst()).isEqualTo(20_000);
        assertThat(c.portLast()).isEqualTo(29_999);
        assertThat(c.workloadUser()).isEqualTo("nobody");
        assertThat(c.minFreeMb()).isEqualTo(64);
        assertThat(c.mdnsInterface()).isNull();
    }

    @Test
    void aBuilderChangesOnlyWhatItIsToldAndChecksTheResult() {
        AgentConfig c = minimal();
        assertThat(c.toBuilder().build()).isEqualTo(c);
        AgentConfig d = c.toBuilder().apiPort(7071).labels(Map.of("zone", "x")).join(List.of("10.0.0.5:7946")).build();
        assertThat(d).isEqualTo(new AgentConfig(c.cluster(), c.nodeId(), c.bind(), c.fabricPort(), 7071, c.dataDir(), c.clusterKey(),
                c.operatorTrust(), c.publisherTrust(), List.of("10.0.0.5:7946"), c.mdnsInterface(), Map.of("zone", "x"), c.cpuMilli(),
                c.memoryMb(), c.portFirst(), c.portLast(), c.drainMs(), c.stopGraceMs(), c.workloadUser(), c.cgroupRoot(), c.minFreeMb(),
                c.java(), c.tickMs(), c.apiTokenFile(), c.readsNeedToken(), c.stopWorkloadsOnExit(), c.hyphae(), c.hyphaeOverlayPort(),
                c.reserveCpuMilli(), c.reserveMemoryMb()));
        assertThatThrownBy(() -> c.toBuilder().portFirst(40_000).portLast(30_000).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("port range 40000-30000");
        assertThatThrownBy(() -> c.toBuilder().nodeId("no spaces").build()).hasMessageContaining("node_id 'no spaces'");
    }

    @Test
    void aConfigSurvivesItsOwnJsonFile() throws Exception {
        AgentConfig c = minimal().toBuilder().labels(Map.of("disk", "ssd")).mdnsInterface("lo").cgroupRoot("mycelium-x").build();
        Path file = tmp.resolve("agent.json");
        c.write(file);
        assertThat(Files.readString(file)).contains("\"node_id\"").contains("\"mdns_interface\" : \"lo\"");
        assertThat(AgentConfig.read(file)).isEqualTo(c);
    }

    @Test
    void aReserveReplacesTheDefaultAndIsRefusedBesideAnExplicitCapacityOrBelowZero() throws Exception {
        AgentConfig c = minimal().toBuilder().reserveCpuMilli(500L).reserveMemoryMb(1_024L).build();
        Path file = tmp.resolve("reserve.json");
        c.write(file);
        assertThat(Files.readString(file)).contains("\"reserve_cpu_milli\" : 500").contains("\"reserve_memory_mb\" : 1024");
        assertThat(AgentConfig.read(file)).isEqualTo(c);
        assertThat(minimal().reserveCpuMilli()).as("default: the 10% rule").isNull();
        assertThatThrownBy(() -> minimal().toBuilder().cpuMilli(1_000).reserveCpuMilli(200L).build())
                .hasMessageContaining("cpu_milli 1000 and reserve_cpu_milli 200 both given (--cpu-milli, --reserve-cpu)");
        assertThatThrownBy(() -> minimal().toBuilder().reserveMemoryMb(-1L).build())
                .hasMessageContaining("reserve_memory_mb -1 (--reserve-memory) must be >= 0");
    }

    @Test
    void mdnsNoneMeansNoMdns() {
        assertThat(minimal().toBuilder().mdnsInterface("none").build().mdnsInterface()).isNull();
        assertThat(minimal().toBuilder().mdnsInterface(" ").build().mdnsInterface()).isNull();
        assertThat(minimal().toBuilder().mdnsInterface("eth0").build().mdnsInterface()).isEqualTo("eth0");
    }

    @Test
    void aConfigFileWithoutHyphaeGetsTheDefaultRouterAndABadOneSaysWhatToWrite() {
        String base = "{\"node_id\":\"a\",\"fabric_port\":7946,\"data_dir\":\"/d\",\"cluster_key\":\"/k\","
                + "\"operator_trust\":\"/o\",\"publisher_trust\":\"/p\"";
        AgentConfig c = AgentConfig.parse(base + "}", "test");
        assertThat(c.hyphae()).isEqualTo("127.0.0.1:7080");
        assertThat(c.hyphaeOverlayPort()).isZero();
        assertThat(AgentConfig.parse(base + ",\"hyphae\":\"[::1]:7081\"}", "test").hyphae()).isEqualTo("[::1]:7081");
        assertThatThrownBy(() -> AgentConfig.parse(base + ",\"hyphae\":\"7080\"}", "test"))
                .hasMessageContaining("hyphae '7080' must be HOST:PORT, for example 127.0.0.1:7080");
        assertThatThrownBy(() -> AgentConfig.parse(base + ",\"hyphae\":\"127.0.0.1:http\"}", "test"))
                .hasMessageContaining("the port is not a number");
        assertThatThrownBy(() -> minimal().toBuilder().hyphaeOverlayPort(70_000).build())
                .hasMessageContaining("hyphae_overlay_port 70000 must be 0-65535");
    }
}
