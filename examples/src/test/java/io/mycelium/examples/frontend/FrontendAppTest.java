package io.mycelium.examples.frontend;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.Map;

import io.mycelium.examples.common.Http;
import io.mycelium.examples.common.WorkloadServer;
import io.mycelium.examples.common.WorkloadSettings;
import org.junit.jupiter.api.Test;

class FrontendAppTest {
    @Test
    void servesHelloHealthAndAnEscapedPage() throws Exception {
        WorkloadSettings s = WorkloadSettings.fromEnv("frontend", FrontendApp.VERSION,
                Map.of("GREETING", "<b>Hi & welcome</b>", "MYCELIUM_INSTANCE", "frontend-0", "APP_VERSION", "1.1.0"));
        try (WorkloadServer server = WorkloadServer.start(s, FrontendApp.routes(s))) {
            assertThat(Http.get(server.url() + "/hello").body())
                    .contains("\"app\":\"frontend\"").contains("\"version\":\"1.1.0\"").contains("\"instance\":\"frontend-0\"");
            assertThat(Http.get(server.url() + "/health").statusCode()).isEqualTo(200);
            HttpResponse<String> page = Http.get(server.url() + "/page");
            assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/html"));
            assertThat(page.body()).contains("&lt;b&gt;Hi &amp; welcome&lt;/b&gt;").doesNotContain("<b>")
                    .contains("frontend 1.1.0, instance frontend-0");
        }
    }
}
