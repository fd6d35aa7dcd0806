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
    void delayServesOneRequestAtATimeSoLatencyGrowsWithTheLoad() throws Exception {
        try (WorkloadServer server = WorkloadServer.start(WorkloadSettings.fromEnv("billing", "3.0.0", Map.of()),
                Faults.fromEnv(Map.of("DELAY_MS", "50")), Map.of())) {
            long t0 = System.nanoTime();
            assertThat(Http.get(server.url() + "/hello").statusCode()).isEqualTo(200);
            assertThat((System.nanoTime() - t0) / 1_000_000).as("one request alone").isGreaterThanOrEqualTo(50);
            long t1 = System.nanoTime();
            try (var pool = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
                List<java.util.concurrent.Future<Integer>> four = new ArrayList<>();
                for (int i = 0; i < 4; i++) {
                    four.add(pool.submit(() -> Http.get(server.url() + "/hello").statusCode()));
                }
                for (var f : four) {
                    assertThat(f.get()).isEqualTo(200);
                }
            }
            assertThat((System.nanoTime() - t1) / 1_000_000).as("four at once: the last waits for the three before it").isGreaterThanOrEqualTo(200);
            assertThat(Http.get(server.url() + "/health").statusCode()).isEqualTo(200);
        }
        assertThatThrownBy(() -> Faults.fromEnv(Map.of("DELAY_MS", "soon"))).hasMessageContaining("DELAY_MS 'soon'");
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
