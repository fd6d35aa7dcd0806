package io.mycelium.edge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class EdgeConfigTest {

    @Test
    void defaultsAndPerAppTimeouts() {
        EdgeConfig c = EdgeConfig.builder().appTimeout("slow", Duration.ofSeconds(90)).build();
        assertThat(c.port()).isEqualTo(8080);
        assertThat(c.stripPrefix()).isTrue();
        assertThat(c.timeout("slow")).isEqualTo(Duration.ofSeconds(90));
        assertThat(c.timeout("other")).isEqualTo(Duration.ofSeconds(30));
        assertThat(c.hostDomain()).isEmpty();
    }

    @Test
    void refusesNonsenseWithAMessageNamingTheValue() {
        assertThatThrownBy(() -> EdgeConfig.builder().port(70000).build()).hasMessage("edge port 70000 is not in 0..65535");
        assertThatThrownBy(() -> EdgeConfig.builder().appTimeout("a", Duration.ZERO).build()).hasMessageContaining("timeout of app a");
        assertThatThrownBy(() -> EdgeConfig.builder().hostDomain(".x").build()).hasMessageContaining("hostDomain '.x'");
        assertThatThrownBy(() -> EdgeConfig.builder().metricsPath("metrics").build()).hasMessageContaining("must start with '/'");
        assertThatThrownBy(() -> EdgeConfig.builder().maxHeaderBytes(10).build()).hasMessageContaining("maxHeaderBytes 10");
    }
}
