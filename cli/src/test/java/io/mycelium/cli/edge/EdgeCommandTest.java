package io.mycelium.cli.edge;

import static org.assertj.core.api.Assertions.assertThat;

import io.mycelium.cli.CliRun;
import io.mycelium.cli.ExitCode;
import io.mycelium.edge.daemon.EdgeSettings;
import io.mycelium.fabric.wire.Keyring;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class EdgeCommandTest {
    @TempDir
    Path tmp;

    @Test
    void flagsOverrideTheConfigFile() throws Exception {
        Path file = tmp.resolve("edge.json");
        Files.writeString(file, """
                { "cluster": "lab", "node_id": "edge-a", "port": 9090, "fabric_port": 7001, "balancing": "rr",
                  "cluster_key": "/etc/k", "operator_trust": "/etc/ops", "join": ["10.0.0.1:7946"], "access_log": false }
                """);
        EdgeCommand cmd = new EdgeCommand();
        new CommandLine(cmd).parseArgs("--config", file.toString(), "--port", "9191", "--join", "127.0.0.1:1", "--join", "127.0.0.1:2");
        EdgeSettings s = EdgeSettings.read(file).overriddenBy(new EdgeSettings(null, null, null, 9191, null, null, null, null,
                List.of("127.0.0.1:1", "127.0.0.1:2"), null, null, null, null, null));
        assertThat(s.clusterOrDefault()).isEqualTo("lab");
        assertThat(s.nodeIdOrDefault()).isEqualTo("edge-a");
        assertThat(s.portOrDefault()).isEqualTo(9191);
        assertThat(s.fabricPortOrDefault()).isEqualTo(7001);
        assertThat(s.balancing()).isEqualTo("rr");
        assertThat(s.join()).containsExactly("127.0.0.1:1", "127.0.0.1:2");
        assertThat(s.accessLog()).isFalse();
        assertThat(cmd.port).isEqualTo(9191);
    }

    @Test
    void missingClusterKeyIsOneLineUsageError() {
        CliRun r = CliRun.run(tmp, "edge", "--trust", tmp.toString());
        assertThat(r.code()).isEqualTo(ExitCode.USAGE);
        assertThat(r.err()).contains("no cluster key").contains("--cluster-key").doesNotContain("\tat ");
        assertThat(r.err().strip().lines()).hasSize(1);
    }

    @Test
    void clusterKeyThatDoesNotExistIsNamed() {
        CliRun r = CliRun.run(tmp, "edge", "--cluster-key", tmp.resolve("nope.key").toString(), "--trust", tmp.toString());
        assertThat(r.code()).isEqualTo(ExitCode.REJECTED);
        assertThat(r.err()).contains("nope.key").contains("does not exist").doesNotContain("\tat ");
    }

    @Test
    void badBalancingAndUnknownConfigFieldsAreRefused() throws Exception {
        Path key = tmp.resolve("cluster.key");
        Files.writeString(key, Keyring.newKeyringText("t"));
        CliRun bad = CliRun.run(tmp, "edge", "--cluster-key", key.toString(), "--trust", tmp.toString(), "--balancing", "random");
        assertThat(bad.code()).isEqualTo(ExitCode.USAGE);
        assertThat(bad.err()).contains("balancing 'random'").contains("p2c");

        Path file = tmp.resolve("edge.json");
        Files.writeString(file, "{ \"prot\": 1 }");
        CliRun unknown = CliRun.run(tmp, "edge", "--config", file.toString());
        assertThat(unknown.code()).isEqualTo(ExitCode.USAGE);
        assertThat(unknown.err()).contains(file.toString()).contains("prot").doesNotContain("\tat ");
    }
}
