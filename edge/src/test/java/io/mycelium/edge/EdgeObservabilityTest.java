package io.mycelium.edge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mycelium.edge.observe.AppLatency;
import io.mycelium.edge.testing.EchoBackend;
import io.mycelium.edge.testing.EdgeFixture;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class EdgeObservabilityTest {

    @Test
    void metricsCountRequestsErrorsAndLatencyPerApp() throws Exception {
        try (EchoBackend a = new EchoBackend("a"); EdgeFixture fx = new EdgeFixture(c -> { })) {
            fx.directory.put("billing", List.of(EdgeFixture.endpoint("a1", a.port())));
            fx.directory.put("empty", List.of());
            for (int i = 0; i < 7; i++) {
                fx.get("/billing/x");
            }
            fx.get("/billing/status/500");
            fx.get("/empty/x");
            fx.get("/nosuch/x");
            // the edge records a request just after its last byte went out
            await().atMost(Duration.ofSeconds(5)).until(() -> fx.edge.metrics().app("billing").requests() == 8
                    && fx.edge.metrics().app("-").requests() == 1);
            HttpResponse<String> m = fx.get("/metrics");
            assertThat(m.statusCode()).isEqualTo(200);
            assertThat(m.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain");
            String text = m.body();
            assertThat(text)
                    .contains("mycelium_edge_requests_total{app=\"billing\",code=\"2xx\"} 7\n")
                    .contains("mycelium_edge_requests_total{app=\"billing\",code=\"5xx\"} 1\n")
                    .contains("mycelium_edge_errors_total{app=\"billing\",class=\"upstream_5xx\"} 1\n")
                    .contains("mycelium_edge_errors_total{app=\"empty\",class=\"no_endpoint\"} 1\n")
                    .contains("mycelium_edge_errors_total{app=\"-\",class=\"unknown_app\"} 1\n")
                    .contains("mycelium_edge_request_duration_seconds_bucket{app=\"billing\",le=\"+Inf\"} 8\n")
                    .contains("mycelium_edge_request_duration_seconds_count{app=\"billing\"} 8\n")
                    .contains("mycelium_edge_request_duration_quantile_seconds{app=\"billing\",quantile=\"0.99\"}")
                    .doesNotContain("app=\"nosuch\"");
        }
    }

    @Test
    void everyRequestGetsOneAccessLogLine() throws Exception {
        try (EchoBackend a = new EchoBackend("a"); EdgeFixture fx = new EdgeFixture(c -> { })) {
            fx.directory.put("billing", List.of(EdgeFixture.endpoint("a1", a.port())));
            fx.send(java.net.http.HttpRequest.newBuilder(fx.uri("/billing/inv?q=1")).header("X-Request-Id", "log-1").build());
            fx.get("/nosuch/x");
            await().atMost(Duration.ofSeconds(5)).until(() -> fx.accessLog.size() == 2);
            assertThat(fx.accessLog.get(0)).matches(
                    "127\\.0\\.0\\.1 \"GET /billing/inv\" 200 \\d+ \\d+\\.\\d{3}ms app=billing upstream=127\\.0\\.0\\.1:"
                            + a.port() + " rid=log-1");
            assertThat(fx.accessLog.get(1)).contains("\"GET /nosuch/x\" 404").contains("note=\"unknown app\"");
        }
    }

    @Test
    void perAppP99IsPublishedPerWindow() throws Exception {
        try (EchoBackend a = new EchoBackend("a"); EdgeFixture fx = new EdgeFixture(c -> { })) {
            fx.directory.put("billing", List.of(EdgeFixture.endpoint("a1", a.port())));
            for (int i = 0; i < 20; i++) {
                fx.get("/billing/x");
            }
            fx.get("/billing/slow/300");
            await().atMost(Duration.ofSeconds(5)).until(() -> fx.edge.metrics().app("billing").requests() == 21);
            List<AppLatency> first = fx.edge.publishTelemetryNow();
            assertThat(first).hasSize(1);
            AppLatency l = first.get(0);
            assertThat(l.app()).isEqualTo("billing");
            assertThat(l.requests()).isEqualTo(21);
            assertThat(l.p50()).isLessThan(Duration.ofMillis(100));
            assertThat(l.p99()).isGreaterThanOrEqualTo(Duration.ofMillis(200));
            assertThat(fx.published).containsExactly(first);
            // the next window holds only what happened after the first one
            fx.get("/billing/x");
            await().atMost(Duration.ofSeconds(5)).until(() -> fx.edge.metrics().app("billing").requests() == 22);
            List<AppLatency> second = fx.edge.publishTelemetryNow();
            assertThat(second.get(0).requests()).isEqualTo(1);
            assertThat(second.get(0).p99()).isLessThan(Duration.ofMillis(200));
            assertThat(fx.edge.publishTelemetryNow()).isEmpty();
        }
    }
}
