package io.mycelium.agent.api;

import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.mycelium.fabric.status.StatusDocuments;
import java.util.Objects;

/** {@code /v1/state}: every fabric record this agent holds, with versions, and the fabric's counters. */
final class StateService implements HttpService {
    private final AgentServices services;

    StateService(AgentServices services) {
        this.services = Objects.requireNonNull(services, "services");
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/", this::state);
    }

    private void state(ServerRequest req, ServerResponse res) {
        Replies.ok(res, StatusDocuments.state(services.cluster(), services.view(), services.fabricCounters()));
    }
}
