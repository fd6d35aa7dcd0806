package io.mycelium.agent.api;

import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.Map;
import java.util.Objects;

/** {@code /health/live} (the process answers) and {@code /health/ready} (503 with the reason until ready). Always open. */
final class HealthService implements HttpService {
    private final AgentServices services;

    HealthService(AgentServices services) {
        this.services = Objects.requireNonNull(services, "services");
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/live", this::live).get("/ready", this::ready);
    }

    private void live(ServerRequest req, ServerResponse res) {
        Replies.ok(res, Map.of("status", "UP", "node", services.nodeId()));
    }

    private void ready(ServerRequest req, ServerResponse res) {
        AgentServices.Readiness r = services.readiness();
        if (r.ready()) {
            Replies.ok(res, Map.of("status", "UP", "node", services.nodeId()));
        } else {
            Replies.json(res, 503, Map.of("status", "DOWN", "node", services.nodeId(), "reason", r.reason()));
        }
    }
}
