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
                c.java(), c.tickMs(), c.apiTokenFile(), c.readsNeedToken(), c.stopWorkloadsOnExit(), c.hyphae(), c.hyphaeOverlayPort()));
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
    void mdnsNoneMeansNoMdns() {
        assertThat(minimal().toBuilder().mdnsInterface("none").build().mdnsInterface()).isNull();
        assertThat(minimal().toBuilder().mdnsInterface(" ").build().mdnsInterface()).isNull();
        assertThat(minimal().toBuilder().mdnsInterface("eth0").build().mdnsInterface()).isEqualTo("eth0");
    }
}
