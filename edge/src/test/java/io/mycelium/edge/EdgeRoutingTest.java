package io.mycelium.edge;

import static org.assertj.core.api.Assertions.assertThat;

import io.mycelium.edge.balance.BalancingPolicy;
import io.mycelium.edge.route.AppEndpoints;
import io.mycelium.edge.route.Endpoint;
import io.mycelium.edge.route.RevisionSplit;
import io.mycelium.edge.testing.EchoBackend;
import io.mycelium.edge.testing.EdgeFixture;
import java.io.InputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class EdgeRoutingTest {

    private EdgeFixture fx;
    private EchoBackend a;
    private EchoBackend b;

    private void start(java.util.function.Consumer<EdgeConfig.Builder> config) throws Exception {
        a = new EchoBackend("a");
        b = new EchoBackend("b");
        fx = new EdgeFixture(config);
    }

    @AfterEach
    void stop() {
        if (fx != null) {
            fx.close();
        }
        if (a != null) {
            a.close();
        }
        if (b != null) {
            b.close();
        }
    }

    @Test
    void stripsTheAppPrefixAndKeepsTheQuery() throws Exception {
        start(c -> { });
        fx.directory.put("billing", List.of(EdgeFixture.endpoint("a1", a.port())));
        HttpResponse<String> r = fx.get("/billing/invoices/42?x=1&y=%20z");
        assertThat(r.statusCode()).isEqualTo(200);
        Map<String, String> echo = EchoBackend.parse(r.body());
        assertThat(echo).containsEntry("uri", "/invoices/42?x=1&y=%20z").containsEntry("method", "GET");
        assertThat(fx.get("/billing").body()).contains("uri=/\n");
    }

    @Test
    void forwardsTheFullPathWhenStrippingIsOff() throws Exception {
        start(c -> c.stripPrefix(false));
        fx.directory.put("billing", List.of(EdgeFixture.endpoint("a1", a.port())));
        assertThat(EchoBackend.parse(fx.get("/billing/invoices").body())).containsEntry("uri", "/billing/invoices");
    }

    @Test
    void keepsTheAppPrefixForAnEndpointBehindAnotherRouter() throws Exception {
        start(c -> { });
        fx.directory.put("billing", List.of(EdgeFixture.endpoint("a1", a.port()).via("127.0.0.1", b.port())));
        Map<String, String> echo = EchoBackend.parse(fx.get("/billing/invoices?x=1").body());
        assertThat(echo).containsEntry("backend", "b").containsEntry("uri", "/billing/invoices?x=1");
        assertThat(EchoBackend.parse(fx.get("/billing").body())).containsEntry("uri", "/billing/");
    }

    @Test
    void routesByHostWhenADomainIsSet() throws Exception {
        start(c -> c.hostDomain("apps.test"));
        fx.directory.put("billing", List.of(EdgeFixture.endpoint("a1", a.port())));
        fx.directory.put("other", List.of(EdgeFixture.endpoint("b1", b.port())));
        String reply = fx.raw("GET /invoices HTTP/1.1\r\nHost: billing.apps.test\r\nConnection: close\r\n\r\n");
        assertThat(reply).startsWith("HTTP/1.1 200").contains("backend=a").contains("uri=/invoices");
        String byPath = fx.raw("GET /other/x HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
        assertThat(byPath).startsWith("HTTP/1.1 200").contains("backend=b").contains("uri=/x");
    }

    @Test
    void addsForwardingHeadersRequestIdEdgeIdAndTraceContext() throws Exception {
        start(c -> { });
        fx.directory.put("billing", List.of(EdgeFixture.endpoint("a1", a.port())));
        HttpResponse<String> r = fx.get("/billing/x");
        Map<String, String> echo = EchoBackend.parse(r.body());
        assertThat(echo.get("h.x-forwarded-for")).isEqualTo("127.0.0.1");
        assertThat(echo.get("h.x-forwarded-proto")).isEqualTo("http");
        assertThat(echo.get("h.x-forwarded-host")).isEqualTo("127.0.0.1:" + fx.edge.port());
        assertThat(echo.get("h.x-mycelium-edge")).isEqualTo("edge-test");
        assertThat(echo.get("h.host")).isEqualTo("127.0.0.1:" + a.port());
        String rid = echo.get("h.x-request-id");
        assertThat(rid).matches("[0-9a-f]{32}");
        assertThat(r.headers().firstValue("X-Request-Id")).contains(rid);
        assertThat(echo.get("h.traceparent")).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-00");

        String incomingTrace = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
        HttpResponse<String> r2 = fx.send(HttpRequest.newBuilder(fx.uri("/billing/y"))
                .header("X-Request-Id", "client-id-7").header("traceparent", incomingTrace)
                .header("tracestate", "congo=t61rcWkgMzE").header("X-Forwarded-For", "10.1.2.3").build());
        Map<String, String> echo2 = EchoBackend.parse(r2.body());
        assertThat(echo2.get("h.x-request-id")).isEqualTo("client-id-7");
        assertThat(r2.headers().firstValue("X-Request-Id")).contains("client-id-7");
        assertThat(echo2.get("h.traceparent")).startsWith("00-4bf92f3577b34da6a3ce929d0e0e4736-").endsWith("-01")
                .isNotEqualTo(incomingTrace);
        assertThat(echo2.get("h.tracestate")).isEqualTo("congo=t61rcWkgMzE");
        assertThat(echo2.get("h.x-forwarded-for")).isEqualTo("10.1.2.3, 127.0.0.1");
    }

    @Test
    void streamsALargeRequestBodyAndALargeResponseBody() throws Exception {
        start(c -> { });
        fx.directory.put("billing", List.of(EdgeFixture.endpoint("a1", a.port())));
        byte[] body = new byte[3 * 1024 * 1024 + 17];
        new Random(5).nextBytes(body);
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
        // fixed length
        HttpResponse<String> fixed = fx.send(HttpRequest.newBuilder(fx.uri("/billing/upload"))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build());
        assertThat(EchoBackend.parse(fixed.body())).containsEntry("bodySha256", sha)
                .containsEntry("bodyLength", String.valueOf(body.length));
        // unknown length: the client sends chunks, the edge forwards chunks
        HttpResponse<String> chunked = fx.send(HttpRequest.newBuilder(fx.uri("/billing/upload"))
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(body))).build());
        assertThat(EchoBackend.parse(chunked.body())).containsEntry("bodySha256", sha);

        long size = 50L * 1024 * 1024;
        HttpResponse<InputStream> big = fx.client().send(HttpRequest.newBuilder(fx.uri("/billing/big/" + size)).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        long n = 0;
        try (InputStream in = big.body()) {
            byte[] buf = new byte[65536];
            int k;
            while ((k = in.read(buf)) >= 0) {
                n += k;
            }
        }
        assertThat(n).isEqualTo(size);
    }

    @Test
    void keepsUpstreamConnectionsAliveAndPooled() throws Exception {
        start(c -> { });
        fx.directory.put("billing", List.of(EdgeFixture.endpoint("a1", a.port())));
        for (int i = 0; i < 50; i++) {
            assertThat(fx.get("/billing/x").statusCode()).isEqualTo(200);
        }
        assertThat(a.requests()).isEqualTo(50);
        assertThat(a.connections()).isLessThanOrEqualTo(2);
    }

    @Test
    void powerOfTwoChoicesSpreadsLoadOverEndpoints() throws Exception {
        start(c -> c.balancing(BalancingPolicy.POWER_OF_TWO));
        fx.directory.put("billing", List.of(EdgeFixture.endpoint("a1", a.port()), EdgeFixture.endpoint("b1", b.port())));
        for (int i = 0; i < 200; i++) {
            fx.get("/billing/x");
        }
        assertThat(a.requests() + b.requests()).isEqualTo(200);
        assertThat(a.requests()).isBetween(50, 150);
    }

    @Test
    void roundRobinAlternates() throws Exception {
        start(c -> c.balancing(BalancingPolicy.ROUND_ROBIN));
        fx.directory.put("billing", List.of(EdgeFixture.endpoint("a1", a.port()), EdgeFixture.endpoint("b1", b.port())));
        String first = EchoBackend.parse(fx.get("/billing/x").body()).get("backend");
        String second = EchoBackend.parse(fx.get("/billing/x").body()).get("backend");
        String third = EchoBackend.parse(fx.get("/billing/x").body()).get("backend");
        assertThat(first).isNotEqualTo(second);
        assertThat(third).isEqualTo(first);
    }

    @Test
    void onlyTheActiveRevisionReceivesTraffic() throws Exception {
        start(c -> { });
        fx.directory.put(new AppEndpoints("billing", RevisionSplit.only("rev2"), List.of(
                Endpoint.ready("a1", "127.0.0.1", a.port(), "rev1"),
                Endpoint.ready("b1", "127.0.0.1", b.port(), "rev2"))));
        for (int i = 0; i < 20; i++) {
            assertThat(EchoBackend.parse(fx.get("/billing/x").body())).containsEntry("backend", "b");
        }
        assertThat(a.requests()).isZero();
        // the directory changes: the other revision becomes active and traffic follows at once
        fx.directory.put(new AppEndpoints("billing", RevisionSplit.only("rev1"), List.of(
                Endpoint.ready("a1", "127.0.0.1", a.port(), "rev1"),
                Endpoint.ready("b1", "127.0.0.1", b.port(), "rev2"))));
        assertThat(EchoBackend.parse(fx.get("/billing/x").body())).containsEntry("backend", "a");
    }

    @Test
    void weightsSplitNormalRequestsAndPreviewsReachOnlyThePreviewRevision() throws Exception {
        start(c -> { });
        java.util.TreeMap<String, Integer> weights = new java.util.TreeMap<>(java.util.Map.of("rev1", 1, "rev2", 1));
        fx.directory.put(new AppEndpoints("billing", new RevisionSplit(weights, null), List.of(
                Endpoint.ready("a1", "127.0.0.1", a.port(), "rev1"),
                Endpoint.ready("b1", "127.0.0.1", b.port(), "rev2"))));
        for (int i = 0; i < 100; i++) {
            assertThat(fx.get("/billing/x").statusCode()).isEqualTo(200);
        }
        // 50/50 over 100 requests: each side far from empty (a miss here is a 1e-9 event)
        assertThat(a.requests()).isBetween(20, 80);
        assertThat(b.requests()).isEqualTo(100 - a.requests());

        fx.directory.put(new AppEndpoints("billing", new RevisionSplit(new java.util.TreeMap<>(java.util.Map.of("rev1", 1)), "rev2"), List.of(
                Endpoint.ready("a1", "127.0.0.1", a.port(), "rev1"),
                Endpoint.ready("b1", "127.0.0.1", b.port(), "rev2"))));
        long before = b.requests();
        for (int i = 0; i < 10; i++) {
            assertThat(EchoBackend.parse(fx.get("/billing/x").body())).containsEntry("backend", "a");
            assertThat(EchoBackend.parse(fx.send(HttpRequest.newBuilder(fx.uri("/billing/x")).header("X-Mycelium-Preview", "1").build()).body()))
                    .containsEntry("backend", "b");
            assertThat(EchoBackend.parse(fx.get("/billing@preview/x").body())).containsEntry("backend", "b").containsEntry("uri", "/x");
        }
        assertThat(b.requests() - before).isEqualTo(20);
        // a preview revision without a Ready endpoint: previews get a 503 that says so, normal requests still flow
        fx.directory.put(new AppEndpoints("billing", new RevisionSplit(new java.util.TreeMap<>(java.util.Map.of("rev1", 1)), "rev3"), List.of(
                Endpoint.ready("a1", "127.0.0.1", a.port(), "rev1"))));
        HttpResponse<String> none = fx.get("/billing@preview/x");
        assertThat(none.statusCode()).isEqualTo(503);
        assertThat(none.body()).contains("no ready endpoint of the preview revision");
        assertThat(fx.get("/billing/x").statusCode()).isEqualTo(200);
        assertThat(fx.edge.proxy().inFlight("billing")).isEmpty();
    }

    @Test
    void unknownAppIs404AndAppWithoutReadyEndpointIs503WithJson() throws Exception {
        start(c -> { });
        fx.directory.put("billing", List.of(EdgeFixture.endpoint("a1", a.port()).withState(Endpoint.State.DRAINING)));
        HttpResponse<String> unknown = fx.send(HttpRequest.newBuilder(fx.uri("/nosuch/x")).header("X-Request-Id", "r-1").build());
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.headers().firstValue("Content-Type")).contains("application/json");
        assertThat(unknown.body()).isEqualTo("{\"error\":\"unknown app\",\"app\":\"nosuch\",\"requestId\":\"r-1\"}");
        HttpResponse<String> none = fx.get("/billing/x");
        assertThat(none.statusCode()).isEqualTo(503);
        assertThat(none.body()).contains("\"app\":\"billing\"").contains("\"requestId\":\"" +
                none.headers().firstValue("X-Request-Id").orElseThrow() + "\"").contains("no ready endpoint");
        assertThat(a.requests()).isZero();
        assertThat(fx.get("/").statusCode()).isEqualTo(404);
    }

    @Test
    void endpointsThatAppearLaterAreUsed() throws Exception {
        start(c -> { });
        fx.directory.put("billing", List.of());
        assertThat(fx.get("/billing/x").statusCode()).isEqualTo(503);
        fx.directory.put("billing", List.of(EdgeFixture.endpoint("a1", a.port())));
        assertThat(fx.get("/billing/x").statusCode()).isEqualTo(200);
    }

    @Test
    void headAndStatusCodesAndUpstreamHeadersAreRelayed() throws Exception {
        start(c -> { });
        fx.directory.put("billing", List.of(EdgeFixture.endpoint("a1", a.port())));
        String head = fx.raw("HEAD /billing/x HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n");
        assertThat(head).startsWith("HTTP/1.1 200").containsIgnoringCase("X-Backend: a");
        assertThat(head.substring(head.indexOf("\r\n\r\n") + 4)).isEmpty();
        HttpResponse<String> notFound = fx.get("/billing/status/404");
        assertThat(notFound.statusCode()).isEqualTo(404);
        assertThat(notFound.headers().firstValue("X-Backend")).contains("a");
        assertThat(fx.get("/billing/status/418").statusCode()).isEqualTo(418);
        // the pooled connection is still good after a HEAD and error statuses
        assertThat(fx.get("/billing/x").statusCode()).isEqualTo(200);
    }
}
