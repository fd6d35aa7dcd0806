package io.mycelium.examples.common;

import java.io.IOException;
import java.io.PrintStream;
import java.util.Map;
import java.util.function.Function;

import com.sun.net.httpserver.HttpHandler;

/** The {@code main} of a workload: read the environment, start, say where, stop on SIGTERM. */
public final class Workload {
    private Workload() {
    }

    /**
     * Starts the workload and returns; the server's threads keep the JVM alive until SIGTERM.
     * Returns the exit code to use if it could not start (0 when it started).
     */
    public static int run(String app, String builtInVersion, Map<String, String> env, Function<WorkloadSettings, Map<String, HttpHandler>> routes,
            PrintStream out, PrintStream err) {
        WorkloadSettings settings;
        Faults faults;
        try {
            settings = WorkloadSettings.fromEnv(app, builtInVersion, env);
        } catch (IllegalArgumentException e) {
            err.println(app + ": " + e.getMessage() + "; set it to a free port, or 0 for any");
            return 2;
        }
        try {
            faults = Faults.fromEnv(env);
        } catch (IllegalArgumentException e) {
            err.println(app + ": " + e.getMessage());
            return 2;
        }
        try {
            WorkloadServer server = WorkloadServer.start(settings, faults, routes.apply(settings));
            Runtime.getRuntime().addShutdownHook(new Thread(server::close, app + "-shutdown"));
            out.println(app + " " + settings.version() + " (instance " + settings.instance() + ") listening on " + server.url());
            out.flush();
            return 0;
        } catch (IOException e) {
            err.println(app + ": cannot listen on " + settings.host() + ":" + settings.port() + " (" + e.getMessage() + ")");
            return 1;
        }
    }
}
