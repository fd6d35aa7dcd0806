package io.mycelium.examples.billing;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.mycelium.examples.common.Json;
import io.mycelium.examples.common.Workload;
import io.mycelium.examples.common.WorkloadServer;
import io.mycelium.examples.common.WorkloadSettings;

/** The billing workload: {@code java -jar billing.jar} with PORT and GREETING in the environment. */
public final class BillingApp {
    /** The version when APP_VERSION is not set. */
    public static final String VERSION = "1.0.0";

    private BillingApp() {
    }

    public static void main(String[] args) {
        int code = Workload.run("billing", VERSION, System.getenv(), BillingApp::routes, System.out, System.err);
        if (code != 0) {
            System.exit(code);
        }
    }

    /** billing's own routes, next to /hello and /health. */
    public static Map<String, HttpHandler> routes(WorkloadSettings settings) {
        return Map.of("/invoice", BillingApp::invoice);
    }

    /** A toy invoice: {@code /invoice?cents=1234} adds 20% tax. */
    private static void invoice(HttpExchange ex) throws IOException {
        String query = ex.getRequestURI().getQuery();
        long cents = 0;
        if (query != null) {
            for (String kv : query.split("&")) {
                if (kv.startsWith("cents=")) {
                    try {
                        cents = Long.parseLong(kv.substring(6));
                    } catch (NumberFormatException e) {
                        WorkloadServer.respond(ex, 400, "application/json", Json.object(Map.of("error", "cents must be a whole number")));
                        return;
                    }
                }
            }
        }
        if (cents < 0 || cents > 1_000_000_000_000L) {
            WorkloadServer.respond(ex, 400, "application/json", Json.object(Map.of("error", "cents out of range")));
            return;
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("net_cents", cents);
        m.put("tax_cents", cents / 5);
        m.put("total_cents", cents + cents / 5);
        WorkloadServer.respond(ex, 200, "application/json", Json.object(m));
    }

    /** Settings from an explicit environment (tests). */
    static WorkloadSettings settings(Map<String, String> env) {
        return WorkloadSettings.fromEnv("billing", VERSION, env);
    }
}
