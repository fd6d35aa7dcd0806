package io.mycelium.examples.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.Test;

class WorkloadSettingsTest {
    @Test
    void defaultsListenOnLoopbackOnAnyPortAndNameTheApp() {
        WorkloadSettings s = WorkloadSettings.fromEnv("billing", "1.0.0", Map.of());
        assertThat(s.host()).isEqualTo("127.0.0.1");
        assertThat(s.port()).isZero();
        assertThat(s.greeting()).isEqualTo("Hello from billing");
        assertThat(s.version()).isEqualTo("1.0.0");
        assertThat(s.instance()).isEqualTo("pid-" + ProcessHandle.current().pid());
    }

    @Test
    void readsEveryVariable() {
        WorkloadSettings s = WorkloadSettings.fromEnv("billing", "1.0.0", Map.of("PORT", " 8123 ", "HOST", "::1",
                "GREETING", "hi", "APP_VERSION", "2.0.0", "MYCELIUM_INSTANCE", "billing-7"));
        assertThat(s).isEqualTo(new WorkloadSettings("billing", "2.0.0", "::1", 8123, "hi", "billing-7"));
    }

    @Test
    void badPortsNameTheVariable() {
        assertThatThrownBy(() -> WorkloadSettings.fromEnv("a", "1", Map.of("PORT", "http")))
                .hasMessage("PORT 'http' is not a port number (0-65535)");
        assertThatThrownBy(() -> WorkloadSettings.fromEnv("a", "1", Map.of("PORT", "70000")))
                .hasMessage("PORT 70000 is not a port number (0-65535)");
    }
}
