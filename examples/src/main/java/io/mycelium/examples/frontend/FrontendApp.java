package io.mycelium.examples.frontend;

import java.util.Map;

import com.sun.net.httpserver.HttpHandler;
import io.mycelium.examples.common.Workload;
import io.mycelium.examples.common.WorkloadServer;
import io.mycelium.examples.common.WorkloadSettings;

/**
 * The frontend workload: {@code java -jar frontend.jar} with PORT and GREETING in the environment.
 * {@code GET /call} calls billing's {@code /hello} through the hyphae router ({@code BILLING_URL},
 * which the manifest's {@code needs} asks the agent for, else {@code $MYCELIUM_HYPHAE/billing}) and
 * answers with billing's answer.
 */
public final class FrontendApp {
    /** The version when APP_VERSION is not set. */
    public static final String VERSION = "1.0.0";

    private FrontendApp() {
    }

    public static void main(String[] args) {
        Map<String, String> env = System.getenv();
        int code = Workload.run("frontend", VERSION, env, s -> routes(s, env), System.out, System.err);
        if (code != 0) {
            System.exit(code);
        }
    }

    /** frontend's own routes: the page, and /call (billing through the router named in {@code env}). */
    public static Map<String, HttpHandler> routes(WorkloadSettings settings, Map<String, String> env) {
        BillingCall billing = BillingCall.fromEnv(env);
        return Map.of("/page", ex -> WorkloadServer.respond(ex, 200, "text/html", page(settings)),
                "/call", ex -> {
                    BillingCall.Answer a = billing.hello(ex.getRequestHeaders().getFirst("traceparent"));
                    WorkloadServer.respond(ex, a.status(), "application/json", a.body());
                });
    }

    /** The HTML page; the text is escaped. */
    static String page(WorkloadSettings s) {
        return "<!doctype html><html><head><title>frontend</title></head><body><h1>" + escape(s.greeting())
                + "</h1><p>served by frontend " + escape(s.version()) + ", instance " + escape(s.instance()) + "</p></body></html>";
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
