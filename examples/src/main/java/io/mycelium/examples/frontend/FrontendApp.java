package io.mycelium.examples.frontend;

import java.util.Map;

import com.sun.net.httpserver.HttpHandler;
import io.mycelium.examples.common.Workload;
import io.mycelium.examples.common.WorkloadServer;
import io.mycelium.examples.common.WorkloadSettings;

/** The frontend workload: {@code java -jar frontend.jar} with PORT and GREETING in the environment. */
public final class FrontendApp {
    /** The version when APP_VERSION is not set. */
    public static final String VERSION = "1.0.0";

    private FrontendApp() {
    }

    public static void main(String[] args) {
        int code = Workload.run("frontend", VERSION, System.getenv(), FrontendApp::routes, System.out, System.err);
        if (code != 0) {
            System.exit(code);
        }
    }

    /** frontend's own routes: the page. */
    public static Map<String, HttpHandler> routes(WorkloadSettings settings) {
        return Map.of("/page", ex -> WorkloadServer.respond(ex, 200, "text/html", page(settings)));
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
