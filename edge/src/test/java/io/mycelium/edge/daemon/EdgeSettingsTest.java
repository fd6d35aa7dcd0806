package io.mycelium.edge.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mycelium.edge.balance.BalancingPolicy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EdgeSettingsTest {
    @TempDir
    Path tmp;

    @Test
    void defaultsWhenNothingIsSaid() {
        EdgeSettings s = EdgeSettings.empty();
        assertThat(s.clusterOrDefault()).isEqualTo("mycelium");
        assertThat(s.nodeIdOrDefault()).isEqualTo("edge");
        assertThat(s.bindOrDefault()).isEqualTo("127.0.0.1");
        assertThat(s.portOrDefault()).isEqualTo(8080);
        assertThat(s.fabricPortOrDefault()).isEqualTo(7960);
    }

    @Test
    void writtenSettingsReadBackEqual() throws Exception {
        EdgeSettings s = new EdgeSettings("c", "e1", "127.0.0.1", 1234, 2345, tmp.resolve("k"), tmp.resolve("ops"), tmp.resolve("d"),
                List.of("127.0.0.1:9"), "lo", "p2c", null, 5_000L, true);
        Path f = tmp.resolve("out.json");
        s.write(f);
        assertThat(EdgeSettings.read(f)).isEqualTo(s);
    }

    @Test
    void tlsFilesComeFromTheFileAndAFlagReplacesThem() throws Exception {
        Path f = tmp.resolve("tls.json");
        java.nio.file.Files.writeString(f, "{\"tls_cert\": [\"/etc/e/a.crt\"], \"tls_key\": [\"/etc/e/a.key\"]}");
        EdgeSettings read = EdgeSettings.read(f);
        assertThat(read.tls()).isTrue();
        assertThat(read.tlsCert()).containsExactly(Path.of("/etc/e/a.crt"));
        assertThat(read.tlsKey()).containsExactly(Path.of("/etc/e/a.key"));
        EdgeSettings flags = new EdgeSettings(null, null, null, null, null, null, null, null, null, null, null, null, null, null,
                List.of(tmp), null);
        EdgeSettings both = read.overriddenBy(flags);
        assertThat(both.tlsCert()).containsExactly(tmp);
        assertThat(both.tlsKey()).isEmpty();
        assertThat(EdgeSettings.empty().tls()).isFalse();
        assertThat(EdgeSettings.empty().certificates()).isEmpty();
        // the files do not exist: loading them names the file
        assertThatThrownBy(read::certificates).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("/etc/e/a.crt");
    }

    @Test
    void theServerConfigFollowsTheSettings() {
        EdgeSettings s = new EdgeSettings(null, "e2", "127.0.0.2", 0, null, null, null, null, null, null, "rr", "apps.test", 750L, null);
        var c = s.edgeConfig();
        assertThat(c.bindAddress()).isEqualTo("127.0.0.2");
        assertThat(c.edgeId()).isEqualTo("e2");
        assertThat(c.balancing()).isEqualTo(BalancingPolicy.ROUND_ROBIN);
        assertThat(c.hostDomain()).contains("apps.test");
        assertThat(c.defaultTimeout()).isEqualTo(Duration.ofMillis(750));
        assertThat(EdgeSettings.empty().edgeConfig().balancing()).isEqualTo(BalancingPolicy.POWER_OF_TWO);
    }

    @Test
    void aBadValueIsNamed() {
        assertThatThrownBy(() -> new EdgeSettings(null, null, null, null, null, null, null, null, null, null, "random", null, null, null))
                .hasMessageContaining("balancing 'random'");
        assertThatThrownBy(() -> new EdgeSettings(null, "no spaces", null, null, null, null, null, null, null, null, null, null, null, null))
                .hasMessageContaining("node_id 'no spaces'");
    }
}
