package io.mycelium.cli.up;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mycelium.cli.MeshException;
import io.mycelium.fabric.wire.Keyring;
import io.mycelium.spore.key.SigningKey;
import io.mycelium.spore.key.TrustStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalMeshTest {
    @TempDir
    Path tmp;

    private static LocalMesh.Settings settings(int agents) {
        return new LocalMesh.Settings(agents, 8080, 7070, 7950, 21000, LocalMesh.Discovery.BOTH, Duration.ofSeconds(10), 7080);
    }

    @Test
    void firstRunMakesTheKeysAndTheNextReusesThem() throws Exception {
        WorkDir dir = new WorkDir(tmp.resolve("w"));
        List<String> lines = new ArrayList<>();
        new LocalMesh(dir, settings(3), lines::add).keys();
        SigningKey operator = SigningKey.read(dir.operatorKey());
        String cluster = Files.readString(dir.clusterName()).strip();
        String keyring = Files.readString(dir.clusterKey());
        assertThat(Keyring.read(dir.clusterKey())).isNotNull();
        assertThat(cluster).matches("up-[0-9a-f]{6}");
        assertThat(TrustStore.load(dir.operatorTrust()).trusts(operator.id())).isTrue();
        assertThat(lines).singleElement().asString().contains("created").contains(cluster);

        lines.clear();
        new LocalMesh(dir, settings(3), lines::add).keys();
        assertThat(SigningKey.read(dir.operatorKey()).id()).isEqualTo(operator.id());
        assertThat(Files.readString(dir.clusterName()).strip()).isEqualTo(cluster);
        assertThat(Files.readString(dir.clusterKey())).isEqualTo(keyring);
        assertThat(lines).singleElement().asString().contains("reused");
    }

    @Test
    void portsFollowTheAgentIndex() {
        LocalMesh.Settings s = settings(3);
        assertThat(s.api(0)).isEqualTo("http://127.0.0.1:7070");
        assertThat(s.api(2)).isEqualTo("http://127.0.0.1:7072");
        assertThat(s.edgeUrl()).isEqualTo("http://127.0.0.1:8080");
        assertThat(LocalMesh.agentId(0)).isEqualTo("agent-1");
    }

    @Test
    void anAbsurdAgentCountIsAUsageError() {
        assertThatThrownBy(() -> settings(0)).isInstanceOf(MeshException.class).hasMessageContaining("--agents 0");
        assertThatThrownBy(() -> settings(21)).isInstanceOf(MeshException.class).hasMessageContaining("1 to 20");
    }

    @Test
    void aPortInUseStopsBeforeAnythingStartsAndNamesTheOption() throws Exception {
        WorkDir dir = new WorkDir(tmp.resolve("w"));
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            int api;
            int fabric;
            try (java.net.ServerSocket a = new java.net.ServerSocket(0); java.net.ServerSocket f = new java.net.ServerSocket(0)) {
                api = a.getLocalPort();
                fabric = f.getLocalPort();
            }
            LocalMesh.Settings s = new LocalMesh.Settings(1, taken.getLocalPort(), api, fabric, 21000, LocalMesh.Discovery.SEEDS, Duration.ofSeconds(10), 7080);
            LocalMesh mesh = new LocalMesh(dir, s, line -> { });
            mesh.keys();
            assertThatThrownBy(mesh::start).isInstanceOf(MeshException.class)
                    // other ports may be busy too on a shared machine (the api and fabric ports were only free a moment ago)
                    .hasMessageContaining("127.0.0.1:" + taken.getLocalPort() + " (--edge-port)").hasMessageContaining("in use");
            assertThat(mesh.children()).isEmpty();
            mesh.close();
        }
    }
}
