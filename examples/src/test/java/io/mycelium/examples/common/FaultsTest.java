package io.mycelium.examples.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class FaultsTest {
    @Test
    void thirtyPercentIsThreeOfEveryTenRequestsAndHealthStaysUp() throws Exception {
        Faults faults = Faults.fromEnv(Map.of("FAIL_PERCENT", "30"));
        try (WorkloadServer server = WorkloadServer.start(WorkloadSettings.fromEnv("billing", "2.1.0", Map.of()), faults, Map.of())) {
            List<Integer> codes = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                codes.add(Http.get(server.url() + "/hello").statusCode());
            }
            assertThat(codes.stream().filter(c -> c == 500).count()).isEqualTo(30);
            assertThat(codes.subList(0, 10).stream().filter(c -> c == 500).count()).isEqualTo(3);
            assertThat(codes.stream().filter(c -> c != 500)).allMatch(c -> c == 200);
            for (int i = 0; i < 10; i++) {
                assertThat(Http.get(server.url() + "/health").statusCode()).isEqualTo(200);
            }
        }
    }

    @Test
    void healthNeverAnswers503ToHealthChecksButServesTheRest() throws Exception {
        try (WorkloadServer server = WorkloadServer.start(WorkloadSettings.fromEnv("billing", "2.2.0", Map.of()),
                Faults.fromEnv(Map.of("HEALTH", "never")), Map.of())) {
            assertThat(Http.get(server.url() + "/health").statusCode()).isEqualTo(503);
            assertThat(Http.get(server.url() + "/health").body()).contains("HEALTH=never");
            assertThat(Http.get(server.url() + "/hello").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void noEnvIsNoFault() {
        assertThat(Faults.fromEnv(Map.of()).failsNext()).isFalse();
        assertThat(Faults.fromEnv(Map.of()).neverHealthy()).isFalse();
    }

    @Test
    void badValuesNameTheVariable() {
        assertThatThrownBy(() -> Faults.fromEnv(Map.of("FAIL_PERCENT", "abc"))).hasMessageContaining("FAIL_PERCENT 'abc'");
        assertThatThrownBy(() -> Faults.fromEnv(Map.of("FAIL_PERCENT", "130"))).hasMessageContaining("FAIL_PERCENT 130");
        assertThatThrownBy(() -> Faults.fromEnv(Map.of("HEALTH", "sometimes"))).hasMessageContaining("HEALTH 'sometimes'");
    }
}
