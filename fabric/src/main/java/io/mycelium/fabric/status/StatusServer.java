package io.mycelium.fabric.status;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.mycelium.fabric.Fabric;
import io.mycelium.fabric.model.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * A read-only HTTP server for a bare member: {@code GET /v1/nodes}, {@code /v1/state},
 * {@code /health/live}. JSON only; everything else is 404, non-GET is 405.
 */
public final class StatusServer implements AutoCloseable {
    private final HttpServer server;

    public StatusServer(Fabric fabric, String host, int port) throws IOException {
        server = HttpServer.create(new InetSocketAddress(host, port), 16);
        String cluster = fabric.config().cluster();
        route("/v1/nodes", () -> StatusDocuments.nodes(cluster, fabric.view()));
        route("/v1/state", () -> StatusDocuments.state(cluster, fabric.view(), fabric.metrics().snapshot()));
        route("/health/live", () -> java.util.Map.of("status", "up", "node", fabric.nodeId()));
        server.setExecutor(Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "fabric-status");
            t.setDaemon(true);
            return t;
        }));
        server.start();
    }

    private void route(String path, Supplier<Object> body) {
        server.createContext(path, ex -> {
            try (ex) {
                if (!ex.getRequestURI().getPath().equals(path)) {
                    reply(ex, 404, java.util.Map.of("error", "no such resource: " + ex.getRequestURI().getPath()));
                } else if (!ex.getRequestMethod().equals("GET")) {
                    reply(ex, 405, java.util.Map.of("error", "read-only: use GET"));
                } else {
                    reply(ex, 200, body.get());
                }
            }
        });
    }

    private static void reply(HttpExchange ex, int status, Object body) throws IOException {
        byte[] b = Json.write(body).getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(status, b.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(b);
        }
    }

    public int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }
}
