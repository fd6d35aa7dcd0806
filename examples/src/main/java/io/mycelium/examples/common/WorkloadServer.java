package io.mycelium.examples.common;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;

/**
 * A workload's HTTP server: {@code /hello} says which app, version and instance answered,
 * {@code /health} answers 200 while the server runs; a workload adds its own routes. One virtual
 * thread per request. {@link Faults} from the env make it fail on purpose. {@link #close()} stops it.
 */
public final class WorkloadServer implements AutoCloseable {
    private final WorkloadSettings settings;
    private final HttpServer server;
    private final ExecutorService executor;
    private final AtomicLong served = new AtomicLong();
    private final Faults faults;

    private WorkloadServer(WorkloadSettings settings, Faults faults, HttpServer server, ExecutorService executor) {
        this.settings = settings;
        this.faults = faults;
        this.server = server;
        this.executor = executor;
    }

    /** Binds and starts; {@code routes} maps a path prefix to a handler, next to /hello and /health. */
    public static WorkloadServer start(WorkloadSettings settings, Map<String, HttpHandler> routes) throws IOException {
        return start(settings, Faults.none(), routes);
    }

    /** Binds and starts a server that shows {@code faults}. */
    public static WorkloadServer start(WorkloadSettings settings, Faults faults, Map<String, HttpHandler> routes) throws IOException {
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(faults, "faults");
        HttpServer server = HttpServer.create(new InetSocketAddress(settings.host(), settings.port()), 64);
        ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
        server.setExecutor(executor);
        WorkloadServer ws = new WorkloadServer(settings, faults, server, executor);
        server.createContext("/hello", ws.counted(ws.faulty(ws::hello)));
        server.createContext("/health", ws.counted(ws::health));
        routes.forEach((path, handler) -> server.createContext(path, ws.counted(ws.faulty(handler))));
        server.createContext("/", ws.counted(ws.faulty(ex -> respond(ex, 404, "application/json",
                Json.object(Map.of("error", "no route " + ex.getRequestURI().getPath(), "try", "/hello"))))));
        server.start();
        return ws;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** {@code http://host:port}. */
    public String url() {
        String host = settings.host().contains(":") ? "[" + settings.host() + "]" : settings.host();
        return "http://" + host + ":" + port();
    }

    public WorkloadSettings settings() {
        return settings;
    }

    /** The hello document, also used by workloads that embed it in a page. */
    public Map<String, Object> helloFields() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("app", settings.app());
        m.put("version", settings.version());
        m.put("instance", settings.instance());
        m.put("greeting", settings.greeting());
        m.put("pid", ProcessHandle.current().pid());
        return m;
    }

    private void hello(HttpExchange ex) throws IOException {
        respond(ex, 200, "application/json", Json.object(helloFields()));
    }

    private void health(HttpExchange ex) throws IOException {
        if (faults.neverHealthy()) {
            respond(ex, 503, "application/json", Json.object(Map.of("status", "DOWN", "why", "HEALTH=never in the manifest's env")));
            return;
        }
        respond(ex, 200, "application/json", Json.object(Map.of("status", "UP", "served", served.get())));
    }

    private HttpHandler faulty(HttpHandler handler) {
        return ex -> {
            try {
                faults.delay();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                respond(ex, 503, "application/json", Json.object(Map.of("error", "stopping")));
                return;
            }
            if (faults.failsNext()) {
                respond(ex, 500, "application/json", Json.object(Map.of("error", "a fault on purpose: FAIL_PERCENT=" + faults.failPercent(),
                        "version", settings.version())));
                return;
            }
            handler.handle(ex);
        };
    }

    private HttpHandler counted(HttpHandler handler) {
        return ex -> {
            served.incrementAndGet();
            try (ex) {
                handler.handle(ex);
            }
        };
    }

    /** Sends a complete response. */
    public static void respond(HttpExchange ex, int status, String contentType, String body) throws IOException {
        byte[] bytes = (body + "\n").getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", contentType + "; charset=utf-8");
        if (ex.getRequestMethod().equals("HEAD")) {
            ex.sendResponseHeaders(status, -1);
            return;
        }
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
