package io.mycelium.edge.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.mycelium.edge.observe.ErrorClass;
import io.mycelium.edge.route.CallGuard;
import io.mycelium.edge.testing.EchoBackend;
import io.mycelium.edge.testing.EdgeFixture;
import io.mycelium.edge.tls.EdgeTls;
import io.mycelium.spore.time.Clock;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The engine's optional call guard: the caller prefix is stripped before routing (the app never
 * sees it), a refusal is 403 with the guard's reason and counted as denied, and metrics stay
 * reachable.
 */
class CallGuardTest {

    /** "/~NAME" names caller NAME; "ada" may not call "vault". */
    private static final CallGuard GUARD = new CallGuard() {
        @Override
        public Caller caller(String rawPath) {
            if (!rawPath.startsWith("/~")) {
                return Caller.NONE;
            }
            int end = rawPath.indexOf('/', 2);
            int prefix = end < 0 ? rawPath.length() : end;
            return new Caller(rawPath.substring(2, prefix), prefix);
        }

        @Override
        public String refusal(Caller caller, String app) {
            return "ada".equals(caller.app()) && app.equals("vault") ? "ada may not call vault" : null;
        }
    };

    @Test
    void theCallerPrefixIsStrippedAndARefusalIsA403WithTheReasonCounted() throws Exception {
        try (EchoBackend echo = new EchoBackend("echo");
             EdgeFixture edge = new EdgeFixture(c -> { }, Clock.SYSTEM, EdgeTls.NONE, GUARD)) {
            edge.directory.put("echo", List.of(EdgeFixture.endpoint("e1", echo.port())));
            edge.directory.put("vault", List.of(EdgeFixture.endpoint("v1", echo.port())));
            HttpResponse<String> ok = edge.get("/~ada/echo/hello?x=1");
            assertThat(ok.statusCode()).isEqualTo(200);
            assertThat(ok.body()).contains("uri=/hello?x=1");
            HttpResponse<String> denied = edge.get("/~ada/vault/secret");
            assertThat(denied.statusCode()).isEqualTo(403);
            assertThat(denied.body()).contains("\"error\":\"ada may not call vault\"", "\"app\":\"vault\"");
            assertThat(edge.get("/~bob/vault/secret").statusCode()).isEqualTo(200);
            assertThat(edge.get("/vault/secret").statusCode()).isEqualTo(200);
            assertThat(echo.requests()).isEqualTo(3);
            assertThat(edge.edge.metrics().app("vault").errors(ErrorClass.DENIED)).isEqualTo(1);
            assertThat(edge.get("/metrics").body()).contains("mycelium_edge_errors_total{app=\"vault\",class=\"denied\"} 1");
        }
    }
}
