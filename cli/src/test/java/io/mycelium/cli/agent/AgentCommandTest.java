package io.mycelium.cli.agent;

import io.mycelium.agent.daemon.AgentConfig;
import io.mycelium.cli.CliRun;
import io.mycelium.cli.MeshException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AgentCommandTest {
    @TempDir
    Path tmp;

    private static AgentConfig resolve(String... args) {
        AgentCommand c = new AgentCommand();
        new CommandLine(c).parseArgs(args);
        return c.resolve();
    }

    @Test
    void flagsOverrideTheConfigFile() throws Exception {
        Path file = tmp.resolve("agent.json");
        Files.writeString(file, """
                {"node_id": "a", "fabric_port": 7946, "data_dir": "/var/lib/m", "cluster_key": "/etc/m/cluster.key",
                 "operator_trust": "/etc/m/ops", "publisher_trust": "/etc/m/pubs", "labels": {"zone": "x"}, "drain_ms": 500}
                """);
        AgentConfig c = resolve("--config", file.toString(), "--node-id", "b", "--label", "zone=y", "--ports", "31000-31099");
        assertThat(c.nodeId()).isEqualTo("b");
        assertThat(c.fabricPort()).isEqualTo(7946);
        assertThat(c.labels()).isEqualTo(Map.of("zone", "y"));
        assertThat(c.portFirst()).isEqualTo(31000);
        assertThat(c.portLast()).isEqualTo(31099);
        assertThat(c.drainMs()).isEqualTo(500);
        assertThat(c.dataDir()).isEqualTo(Path.of("/var/lib/m"));
    }

    @Test
    void mdnsInterfaceNoneTurnsMdnsOffEvenOverAConfigFile() throws Exception {
        Path file = tmp.resolve("agent.json");
        Files.writeString(file, """
                {"node_id": "a", "fabric_port": 7946, "data_dir": "/var/lib/m", "cluster_key": "/etc/m/cluster.key",
                 "operator_trust": "/etc/m/ops", "publisher_trust": "/etc/m/pubs", "mdns_interface": "eth0"}
                """);
        assertThat(resolve("--config", file.toString()).mdnsInterface()).isEqualTo("eth0");
        assertThat(resolve("--config", file.toString(), "--mdns-interface", "none").mdnsInterface()).isNull();
        assertThat(resolve("--config", file.toString(), "--mdns-interface", "lo").mdnsInterface()).isEqualTo("lo");
    }

    @Test
    void aMissingSettingIsNamedWithTheFlagThatSetsIt() {
        assertThatThrownBy(() -> resolve("--node-id", "a", "--fabric-port", "7946"))
                .isInstanceOf(MeshException.class).hasMessageContaining("data_dir is missing").hasMessageContaining("--data-dir");
    }

    @Test
    void aConfigFileThatIsNotJsonIsOneClearLine() throws Exception {
        Path file = tmp.resolve("bad.json");
        Files.writeString(file, "node_id: a");
        assertThatThrownBy(() -> resolve("--config", file.toString())).isInstanceOf(MeshException.class)
                .hasMessageContaining("is not valid JSON");
        assertThatThrownBy(() -> resolve("--config", tmp.resolve("none.json").toString())).hasMessageContaining("does not exist");
    }

    @Test
    void theCommandIsRegisteredAndFailsWithAUsageExitCode() throws Exception {
        CliRun r = CliRun.run(tmp, "agent", "--node-id", "a");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("fabric_port").doesNotContain("Exception");
    }

    @Test
    void theHostReserveHasFlagsAndCannotBeGivenBesideTheCapacityItReplaces() {
        String[] base = {"--node-id", "a", "--fabric-port", "7946", "--data-dir", "/d", "--cluster-key", "/k", "--operator-trust", "/o",
                "--publisher-trust", "/p"};
        AgentConfig c = resolve(concat(base, "--reserve-cpu", "1000", "--reserve-memory", "2048"));
        assertThat(c.reserveCpuMilli()).isEqualTo(1000L);
        assertThat(c.reserveMemoryMb()).isEqualTo(2048L);
        assertThat(resolve(base).reserveCpuMilli()).as("default: 10%, floors").isNull();
        assertThatThrownBy(() -> resolve(concat(base, "--cpu-milli", "1500", "--reserve-cpu", "500"))).isInstanceOf(MeshException.class)
                .hasMessageContaining("both given (--cpu-milli, --reserve-cpu)");
    }

    @Test
    void helpNamesTheReserveFlags() throws Exception {
        CliRun r = CliRun.run(tmp, "agent", "--help");
        assertThat(r.code()).isZero();
        String text = r.out().replaceAll("\\s+", " ");
        assertThat(text).contains("--reserve-cpu=MILLI").contains("--reserve-memory=MIB").contains("10% of the host's, at least 250")
                .contains("(default: 10%, at least 256)");
        assertThat(r.err()).as("no picocli format warnings").isEmpty();
    }

    private static String[] concat(String[] a, String... b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
