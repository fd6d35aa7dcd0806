package io.mycelium.agent.daemon;

import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.mycelium.fabric.model.Json;
import io.mycelium.spore.digest.Digest;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The routes the daemon itself needs until the API module's routing is mounted: serving spores to
 * peers ({@code GET /v1/spores/{digest}}, which fetching relies on), this node's instances and
 * unplaced slots ({@code GET /v1/local}), health and a small Prometheus {@code /metrics}.
 */
final class DaemonRoutes {
    private DaemonRoutes() {
    }

    static void routing(HttpRouting.Builder r, Agent agent) {
        r.get("/v1/spores/{digest}", (req, res) -> spore(req, res, agent))
                .get("/v1/local", (req, res) -> json(res, 200, local(agent)))
                .get("/health/live", (req, res) -> json(res, 200, Map.of("status", "UP", "node", agent.config().nodeId())))
                .get("/health/ready", (req, res) -> {
                    boolean ready = agent.ready();
                    json(res, ready ? 200 : 503, Map.of("status", ready ? "UP" : "DOWN", "node", agent.config().nodeId()));
                })
                .get("/metrics", (req, res) -> {
                    res.header(HeaderNames.CONTENT_TYPE, "text/plain; version=0.0.4");
                    res.send(agent.metricsText().getBytes(StandardCharsets.UTF_8));
                });
    }

    private static Map<String, Object> local(Agent agent) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("node", agent.config().nodeId());
        out.put("instances", agent.reconciler().instances().stream().map(v -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("instance", v.record());
            m.put("pid", v.pid());
            m.put("port", v.port());
            return m;
        }).toList());
        out.put("unplaced", agent.reconciler().unplaced().stream()
                .map(u -> Map.of("app", u.slot().app(), "slot", u.slot().index(), "reason", u.reason())).toList());
        return out;
    }

    private static void spore(ServerRequest req, ServerResponse res, Agent agent) throws IOException {
        Digest d;
        try {
            d = Digest.parse(req.path().pathParameters().get("digest"));
        } catch (IllegalArgumentException e) {
            json(res, 400, Map.of("error", e.getMessage()));
            return;
        }
        if (!agent.library().holds(d)) {
            json(res, 404, Map.of("error", "spore " + d + " is not held by " + agent.config().nodeId()));
            return;
        }
        Path blob = agent.library().repo().get(d, false);
        res.header(HeaderNames.CONTENT_TYPE, "application/octet-stream");
        res.contentLength(Files.size(blob));
        try (InputStream in = Files.newInputStream(blob); OutputStream out = res.outputStream()) {
            in.transferTo(out);
        }
    }

    static void json(ServerResponse res, int status, Object body) {
        res.status(Status.create(status));
        res.header(HeaderNames.CONTENT_TYPE, "application/json");
        res.send(Json.write(body).getBytes(StandardCharsets.UTF_8));
    }

}
