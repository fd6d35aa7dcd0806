package io.mycelium.edge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mycelium.edge.balance.BalancingPolicy;
import io.mycelium.edge.route.Endpoint;
import io.mycelium.edge.testing.EchoBackend;
import io.mycelium.edge.testing.EdgeFixture;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class EdgeDrainingTest {

    @Test
    void drainingEndpointGetsNoNewRequestsAndItsInFlightRequestsFinish() throws Exception {
        try (EchoBackend a = new EchoBackend("a"); EchoBackend b = new EchoBackend("b");
             EdgeFixture fx = new EdgeFixture(c -> c.balancing(BalancingPolicy.ROUND_ROBIN))) {
            Endpoint ea = EdgeFixture.endpoint("a1", a.port());
            fx.directory.put("app", List.of(ea, EdgeFixture.endpoint("b1", b.port())));
            // two held requests: round robin puts one on each endpoint
            List<CompletableFuture<HttpResponse<String>>> held = List.of(
                    fx.client().sendAsync(HttpRequest.newBuilder(fx.uri("/app/hold")).build(), HttpResponse.BodyHandlers.ofString()),
                    fx.client().sendAsync(HttpRequest.newBuilder(fx.uri("/app/hold")).build(), HttpResponse.BodyHandlers.ofString()));
            await().atMost(Duration.ofSeconds(10)).until(() -> a.holding() == 1 && b.holding() == 1);

            fx.directory.update("app", ea.withState(Endpoint.State.DRAINING));
            int aBefore = a.requests();
            for (int i = 0; i < 10; i++) {
                assertThat(EchoBackend.parse(fx.get("/app/x").body())).containsEntry("backend", "b");
            }
            assertThat(a.requests()).isEqualTo(aBefore);
            assertThat(a.holding()).isEqualTo(1);

            a.release();
            b.release();
            for (CompletableFuture<HttpResponse<String>> f : held) {
                HttpResponse<String> r = f.get();
                assertThat(r.statusCode()).isEqualTo(200);
                assertThat(r.body()).contains("uri=/hold");
            }
            assertThat(fx.edge.proxy().upstream("a1").orElseThrow().inFlight()).isZero();
        }
    }
}
