package io.mycelium.examples.frontend;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import com.sun.net.httpserver.HttpServer;
import io.mycelium.examples.billing.BillingApp;

import io.mycelium.examples.common.Http;
import io.mycelium.examples.common.WorkloadServer;
import io.mycelium.examples.common.WorkloadSettings;
import org.junit.jupiter.api.Test;

class FrontendAppTest {
    @Test
    void servesHelloHealthAndAnEscapedPage() throws Exception {
        WorkloadSettings s = WorkloadSettings.fromEnv("frontend", FrontendApp.VERSION,
                Map.of("GREETING", "<b>Hi & welcome</b>", "MYCELIUM_INSTANCE", "frontend-0", "APP_VERSION", "1.1.0"));
        try (WorkloadServer server = WorkloadServer.start(s, FrontendApp.routes(s, Map.of()))) {
            assertThat(Http.get(server.url() + "/hello").body())
                    .contains("\"app\":\"frontend\"").contains("\"version\":\"1.1.0\"").contains("\"instance\":\"frontend-0\"");
            assertThat(Http.get(server.url() + "/health").statusCode()).isEqualTo(200);
            HttpResponse<String> page = Http.get(server.url() + "/page");
            assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/html"));
            assertThat(page.body()).contains("&lt;b&gt;Hi &amp; welcome&lt;/b&gt;").doesNotContain("<b>")
                    .contains("frontend 1.1.0, instance frontend-0");
        }
    }

    @Test
    void callAnswersWithBillingsAnswerFromTheUrlTheNeedsGave() throws Exception {
        WorkloadSettings b = WorkloadSettings.fromEnv("billing", "1.0.0", Map.of("MYCELIUM_INSTANCE", "billing-0"));
        try (WorkloadServer billing = WorkloadServer.start(b, BillingApp.routes(b))) {
            WorkloadSettings s = WorkloadSettings.fromEnv("frontend", FrontendApp.VERSION, Map.of());
            try (WorkloadServer frontend = WorkloadServer.start(s, FrontendApp.routes(s, Map.of("BILLING_URL", billing.url())))) {
                HttpResponse<String> r = Http.get(frontend.url() + "/call");
                assertThat(r.statusCode()).isEqualTo(200);
                assertThat(r.body()).contains("\"app\":\"billing\"").contains("\"instance\":\"billing-0\"");
            }
        }
    }

    @Test
    void callGoesThroughTheRouterWithTheCallersTraceparent() throws Exception {
        AtomicReference<String> seen = new AtomicReference<>();
        HttpServer router = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 8);
        router.createContext("/billing/hello", ex -> {
            seen.set(ex.getRequestHeaders().getFirst("traceparent"));
            byte[] body = "{\"app\":\"billing\"}".getBytes();
            ex.sendResponseHeaders(200, body.length);
            ex.getResponseBody().write(body);
            ex.close();
        });
        router.start();
        try {
            WorkloadSettings s = WorkloadSettings.fromEnv("frontend", FrontendApp.VERSION, Map.of());
            String hyphae = "http://127.0.0.1:" + router.getAddress().getPort();
            try (WorkloadServer frontend = WorkloadServer.start(s, FrontendApp.routes(s, Map.of("MYCELIUM_HYPHAE", hyphae)))) {
                String trace = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";
                HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(frontend.url() + "/call"))
                        .header("traceparent", trace).build(), HttpResponse.BodyHandlers.ofString());
                assertThat(r.body()).contains("\"app\":\"billing\"");
                assertThat(seen.get()).isEqualTo(trace);
            }
        } finally {
            router.stop(0);
        }
    }

    @Test
    void callWithoutARouterSaysWhatToDo() throws Exception {
        WorkloadSettings s = WorkloadSettings.fromEnv("frontend", FrontendApp.VERSION, Map.of());
        try (WorkloadServer frontend = WorkloadServer.start(s, FrontendApp.routes(s, Map.of()))) {
            HttpResponse<String> r = Http.get(frontend.url() + "/call");
            assertThat(r.statusCode()).isEqualTo(503);
            assertThat(r.body()).contains("neither BILLING_URL nor MYCELIUM_HYPHAE is set").contains("./mesh up");
        }
    }
}
