package io.mycelium.agent.hyphae;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class HostPortTest {
    @Test
    void parsesHostAndPortAndWritesTheUrlWorkloadsGet() {
        assertThat(HostPort.parse("hyphae", "127.0.0.1:7080")).isEqualTo(new HostPort("127.0.0.1", 7080));
        assertThat(HostPort.parse("hyphae", "[::1]:0")).isEqualTo(new HostPort("::1", 0));
        assertThat(new HostPort("::1", 7081).url()).isEqualTo("http://[::1]:7081");
        assertThat(new HostPort("127.0.0.1", 7080).url()).isEqualTo("http://127.0.0.1:7080");
    }

    @Test
    void refusesWhatIsNotHostColonPort() {
        assertThatThrownBy(() -> HostPort.parse("hyphae", ":7080")).hasMessageContaining("must be HOST:PORT");
        assertThatThrownBy(() -> HostPort.parse("hyphae", "h:")).hasMessageContaining("must be HOST:PORT");
        assertThatThrownBy(() -> HostPort.parse("hyphae", "h:99999")).hasMessageContaining("port 99999 is not 0-65535");
    }
}
