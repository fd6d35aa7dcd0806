package io.mycelium.edge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.mycelium.edge.balance.BalancingPolicy;
import io.mycelium.edge.balance.OutlierPolicy;
import io.mycelium.edge.observe.ErrorClass;
import io.mycelium.edge.testing.EchoBackend;
import io.mycelium.edge.testing.EdgeFixture;
import io.mycelium.edge.testing.RawBackend;
import io.mycelium.testing.Ports;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class EdgeFailureTest {

    private final List<AutoCloseable> closeables = new ArrayList<>();
    private EdgeFixture fx;

    private EdgeFixture edge(java.util.function.Consumer<EdgeConfig.Builder> config) {
        fx = new EdgeFixture(config);
        closeables.add(fx);
        return fx;
    }

    private <T extends AutoCloseable> T track(T c) {
        closeables.add(c);
        return c;
    }

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable c : closeables.reversed()) {
            c.close();
        }
    }

    @Test
    void connectionRefusedIsRetriedOnAnotherEndpointForIdempotentRequests() throws Exception {
        EchoBackend good = track(new EchoBackend("good"));
        edge(c -> c.balancing(BalancingPolicy.ROUND_ROBIN).outlier(new OutlierPolicy(1000, Duration.ofSeconds(1), Duration.ofSeconds(1))));
        fx.directory.put("app", List.of(EdgeFixture.endpoint("dead", Ports.free()), EdgeFixture.endpoint("good", good.port())));
        for (int i = 0; i < 10; i++) {
            assertThat(fx.get("/app/x").statusCode()).isEqualTo(200);
        }
        assertThat(good.requests()).isEqualTo(10);
        // round robin: each request starts on the next endpoint and its retry takes the one after,
        // so every request tried the dead endpoint first
        assertThat(fx.edge.metrics().app("app").errors(ErrorClass.CONNECT)).isEqualTo(10);
    }

    @Test
    void connectionRefusedIsRetriedForPostsWithABodyToo() throws Exception {
        EchoBackend good = track(new EchoBackend("good"));
        edge(c -> c.balancing(BalancingPolicy.ROUND_ROBIN).outlier(new OutlierPolicy(1000, Duration.ofSeconds(1), Duration.ofSeconds(1))));
        fx.directory.put("app", List.of(EdgeFixture.endpoint("dead", Ports.free()), EdgeFixture.endpoint("good", good.port())));
        for (int i = 0; i < 4; i++) {
            HttpResponse<String> r = fx.send(HttpRequest.newBuilder(fx.uri("/app/pay"))
                    .POST(HttpRequest.BodyPublishers.ofString("amount=" + i)).build());
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.body()).contains("bodyLength=8");
        }
        assertThat(good.requests()).isEqualTo(4);
    }

    @Test
    void resetBeforeAnyResponseByteIsRetriedForGetButNotForPost() throws Exception {
        RawBackend resetting = track(new RawBackend(RawBackend.RESET_BEFORE_ANY_BYTE));
        EchoBackend good = track(new EchoBackend("good"));
        edge(c -> c.balancing(BalancingPolicy.ROUND_ROBIN).outlier(new OutlierPolicy(1000, Duration.ofSeconds(1), Duration.ofSeconds(1))));
        fx.directory.put("app", List.of(EdgeFixture.endpoint("reset", resetting.port()), EdgeFixture.endpoint("good", good.port())));
        for (int i = 0; i < 6; i++) {
            assertThat(fx.get("/app/x").statusCode()).isEqualTo(200);
        }
        assertThat(resetting.requests()).isEqualTo(6);
        assertThat(good.requests()).isEqualTo(6);

        int before = resetting.requests();
        int statusReset = -1;
        int statusGood = -1;
        for (int i = 0; i < 2; i++) {
            HttpResponse<String> r = fx.send(HttpRequest.newBuilder(fx.uri("/app/pay"))
                    .POST(HttpRequest.BodyPublishers.ofString("amount=1")).build());
            if (r.body().contains("backend=good")) {
                statusGood = r.statusCode();
            } else {
                statusReset = r.statusCode();
                assertThat(r.body()).contains("\"app\":\"app\"").contains("requestId");
            }
        }
        assertThat(statusGood).isEqualTo(200);
        assertThat(statusReset).isEqualTo(502);
        assertThat(resetting.requests() - before).isEqualTo(1);
    }

    @Test
    void slowUpstreamGets504AfterThePerAppTimeout() throws Exception {
        RawBackend slow = track(new RawBackend(RawBackend.slow(Duration.ofSeconds(3), "late")));
        EchoBackend fast = track(new EchoBackend("fast"));
        edge(c -> c.appTimeout("slow", Duration.ofMillis(300)).defaultTimeout(Duration.ofSeconds(10)));
        fx.directory.put("slow", List.of(EdgeFixture.endpoint("s", slow.port())));
        fx.directory.put("fast", List.of(EdgeFixture.endpoint("f", fast.port())));
        long t0 = System.nanoTime();
        HttpResponse<String> r = fx.send(HttpRequest.newBuilder(fx.uri("/slow/x")).header("X-Request-Id", "t-504").build());
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertThat(r.statusCode()).isEqualTo(504);
        assertThat(r.body()).contains("\"requestId\":\"t-504\"").contains("\"app\":\"slow\"");
        assertThat(ms).isLessThan(2500);
        assertThat(slow.requests()).isEqualTo(1);
        assertThat(fx.get("/fast/x").statusCode()).isEqualTo(200);
        assertThat(fx.edge.metrics().app("slow").errors(ErrorClass.TIMEOUT)).isEqualTo(1);
    }

    @Test
    void upstreamStallingMidBodyIsCutOffAfterThePerAppTimeout() throws Exception {
        RawBackend stalls = track(new RawBackend((sock, head) -> {
            sock.getOutputStream().write("HTTP/1.1 200 OK\r\nContent-Length: 100000\r\n\r\n0123456789"
                    .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
            sock.getOutputStream().flush();
            try {
                sock.getInputStream().read();
            } catch (IOException closed) {
                // the edge gave up on us
            }
        }));
        edge(c -> c.appTimeout("stall", Duration.ofMillis(300)));
        fx.directory.put("stall", List.of(EdgeFixture.endpoint("s", stalls.port())));
        long t0 = System.nanoTime();
        assertThatThrownBy(() -> fx.get("/stall/x")).isInstanceOf(IOException.class);
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(5));
        assertThat(fx.edge.metrics().app("stall").errors(ErrorClass.TIMEOUT)).isEqualTo(1);
    }

    @Test
    void consecutiveFailuresEjectAnEndpointWithBackoff() throws Exception {
        RawBackend garbage = track(new RawBackend(RawBackend.GARBAGE));
        EchoBackend good = track(new EchoBackend("good"));
        edge(c -> c.balancing(BalancingPolicy.ROUND_ROBIN).outlier(new OutlierPolicy(3, Duration.ofSeconds(30), Duration.ofMinutes(5))));
        fx.directory.put("app", List.of(EdgeFixture.endpoint("bad", garbage.port()), EdgeFixture.endpoint("good", good.port())));
        int bad = 0;
        for (int i = 0; i < 40; i++) {
            if (fx.get("/app/x").statusCode() == 502) {
                bad++;
            }
        }
        assertThat(garbage.requests()).isEqualTo(3);
        assertThat(bad).isEqualTo(3);
        assertThat(good.requests()).isEqualTo(37);
        assertThat(fx.edge.proxy().upstream("bad").orElseThrow().isEjected()).isTrue();
    }

    @Test
    void garbageFromBackendIs502AndTheEdgeKeepsServing() throws Exception {
        RawBackend garbage = track(new RawBackend(RawBackend.GARBAGE));
        EchoBackend good = track(new EchoBackend("good"));
        edge(c -> { });
        fx.directory.put("junk", List.of(EdgeFixture.endpoint("g", garbage.port())));
        fx.directory.put("ok", List.of(EdgeFixture.endpoint("o", good.port())));
        HttpResponse<String> r = fx.get("/junk/x");
        assertThat(r.statusCode()).isEqualTo(502);
        assertThat(r.body()).contains("bad gateway: bad_response").doesNotContain("127.0.0.1");
        await().atMost(Duration.ofSeconds(5)).until(() -> fx.accessLog.stream().anyMatch(l -> l.contains("malformed")));
        assertThat(garbage.requests()).isEqualTo(1);
        assertThat(fx.edge.metrics().app("junk").errors(ErrorClass.BAD_RESPONSE)).isEqualTo(1);
        assertThat(fx.get("/ok/x").statusCode()).isEqualTo(200);
    }

    @Test
    void backendClosingMidResponseCutsTheClientOffAndTheEdgeKeepsServing() throws Exception {
        RawBackend fixed = track(new RawBackend(RawBackend.CLOSE_MID_RESPONSE));
        RawBackend chunked = track(new RawBackend(RawBackend.CLOSE_MID_CHUNKED));
        EchoBackend good = track(new EchoBackend("good"));
        edge(c -> { });
        fx.directory.put("fixed", List.of(EdgeFixture.endpoint("f", fixed.port())));
        fx.directory.put("chunked", List.of(EdgeFixture.endpoint("c", chunked.port())));
        fx.directory.put("ok", List.of(EdgeFixture.endpoint("o", good.port())));
        assertThatThrownBy(() -> fx.get("/fixed/x")).isInstanceOf(IOException.class);
        // a truncated chunked body must not be made to look complete
        String raw = fx.raw("GET /chunked/x HTTP/1.1\r\nHost: t\r\n\r\n");
        assertThat(raw).doesNotContain("\r\n0\r\n\r\n");
        assertThatThrownBy(() -> fx.get("/chunked/x")).isInstanceOf(IOException.class);
        assertThat(fx.get("/ok/x").statusCode()).isEqualTo(200);
        assertThat(fx.edge.metrics().app("fixed").errors(ErrorClass.RESET)).isEqualTo(1);
    }
}
