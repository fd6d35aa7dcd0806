package io.mycelium.examples.billing;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.Map;

import io.mycelium.examples.common.Http;
import io.mycelium.examples.common.WorkloadServer;
import io.mycelium.examples.common.WorkloadSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class BillingAppTest {
    private WorkloadServer server;

    @BeforeEach
    void start() throws Exception {
        WorkloadSettings s = BillingApp.settings(Map.of("PORT", "0", "GREETING", "Moin", "MYCELIUM_INSTANCE", "billing-3"));
        server = WorkloadServer.start(s, BillingApp.routes(s));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void helloSaysWhichAppVersionAndInstanceAnswered() throws Exception {
        HttpResponse<String> r = Http.get(server.url() + "/hello");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
        assertThat(r.body()).startsWith("{\"app\":\"billing\",\"version\":\"1.0.0\",\"instance\":\"billing-3\",\"greeting\":\"Moin\",\"pid\":"
                + ProcessHandle.current().pid());
    }

    @Test
    void healthIsUp() throws Exception {
        HttpResponse<String> r = Http.get(server.url() + "/health");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("\"status\":\"UP\"");
    }

    @Test
    void invoiceAddsTax() throws Exception {
        assertThat(Http.get(server.url() + "/invoice?cents=1000").body())
                .isEqualTo("{\"net_cents\":1000,\"tax_cents\":200,\"total_cents\":1200}\n");
        assertThat(Http.get(server.url() + "/invoice?cents=ten").statusCode()).isEqualTo(400);
        assertThat(Http.get(server.url() + "/invoice?cents=-5").statusCode()).isEqualTo(400);
    }

    @Test
    void unknownPathsAre404WithAHint() throws Exception {
        HttpResponse<String> r = Http.get(server.url() + "/nope");
        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(r.body()).contains("/nope").contains("/hello");
    }
}
