package io.mycelium.fabric.discovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mycelium.fabric.membership.MemberInfo;
import io.mycelium.fabric.model.Role;
import java.nio.file.Path;
import java.util.Map;
import javax.jmdns.ServiceInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DiscoveryTest {
    @TempDir
    Path dir;

    @Test
    void knownPeersSurviveARestartNewestLastAndBounded() {
        PeerMemory m = new PeerMemory(dir);
        for (int i = 0; i < 40; i++) {
            m.remember("10.0.0." + i, 7946);
        }
        m.remember("10.0.0.20", 7946);
        PeerMemory again = new PeerMemory(dir);
        assertThat(again.seeds()).hasSize(32);
        assertThat(again.seeds().getLast().getHostString()).isEqualTo("10.0.0.20");
        assertThat(again.all()).doesNotContain("10.0.0.0:7946");
    }

    @Test
    void announcementWithEmptyOrPartialTxtIsIgnoredUntilComplete() {
        assertThat(MdnsDiscovery.parse(ServiceInfo.create(MdnsDiscovery.SERVICE_TYPE, "a", 7946, ""))).isNull();
        assertThat(MdnsDiscovery.parse(ServiceInfo.create(MdnsDiscovery.SERVICE_TYPE, "a", 7946, 0, 0,
                Map.of("cluster", "lab", "node", "a")))).isNull();
        MemberInfo m = MdnsDiscovery.parse(ServiceInfo.create(MdnsDiscovery.SERVICE_TYPE, "a", 7946, 0, 0,
                Map.of("cluster", "lab", "node", "a", "role", "edge", "host", "10.1.1.1", "fport", "7946", "aport", "8080")));
        assertThat(m).isEqualTo(new MemberInfo("lab", "a", Role.EDGE, "10.1.1.1", 7946, 8080));
        assertThat(MdnsDiscovery.parse(ServiceInfo.create(MdnsDiscovery.SERVICE_TYPE, "a", 7946, 0, 0,
                Map.of("cluster", "lab", "node", "a", "role", "king", "host", "h", "fport", "1", "aport", "2")))).isNull();
    }

    @Test
    void mdnsInterfaceMustBeALocalInterfaceOrAddress() {
        assertThat(MdnsDiscovery.resolveInterface("lo").getHostAddress()).isEqualTo("127.0.0.1");
        assertThat(MdnsDiscovery.resolveInterface("127.0.0.1").isLoopbackAddress()).isTrue();
        assertThatThrownBy(() -> MdnsDiscovery.resolveInterface("192.0.2.77")).hasMessageContaining("no local interface");
    }
}
