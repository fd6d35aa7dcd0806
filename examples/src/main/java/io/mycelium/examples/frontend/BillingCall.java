package io.mycelium.examples.frontend;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import io.mycelium.examples.common.Json;

/**
 * frontend's call to billing: {@code GET <base>/hello}, where the base is {@code BILLING_URL}
 * (from the manifest's {@code needs}) or {@code $MYCELIUM_HYPHAE/billing}. The caller's
 * {@code traceparent} goes along, so the trace continues through every hop.
 */
final class BillingCall {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    /** What /call answers: billing's status and body, or the router's absence or failure. */
    record Answer(int status, String body) {
    }

    private final String base;

    private BillingCall(String base) {
        this.base = base;
    }

    static BillingCall fromEnv(Map<String, String> env) {
        String url = env.get("BILLING_URL");
        if (url == null || url.isBlank()) {
            String hyphae = env.get("MYCELIUM_HYPHAE");
            url = hyphae == null || hyphae.isBlank() ? null : hyphae + "/billing";
        }
        return new BillingCall(url);
    }

    Answer hello(String traceparent) {
        if (base == null) {
            return new Answer(503, Json.object(Map.of("error", "no hyphae router: neither BILLING_URL nor MYCELIUM_HYPHAE is set",
                    "try", "run frontend under a mesh agent (./mesh up), which sets both")));
        }
        HttpRequest.Builder req = HttpRequest.newBuilder(URI.create(base + "/hello")).timeout(Duration.ofSeconds(5)).GET();
        if (traceparent != null) {
            req.header("traceparent", traceparent);
        }
        try {
            HttpResponse<String> r = HTTP.send(req.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(r.statusCode(), r.body().strip());
        } catch (IOException e) {
            return new Answer(502, Json.object(Map.of("error", "calling billing at " + base + " failed: " + e.getMessage())));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Answer(503, Json.object(Map.of("error", "interrupted while calling billing")));
        }
    }
}
