package io.mycelium.agent.api;

import io.mycelium.client.api.ApiDocuments;
import io.mycelium.client.rows.InstanceRows;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.mycelium.fabric.ClusterView;
import io.mycelium.fabric.status.StatusDocuments;
import java.util.Objects;

/** {@code /v1/nodes}: the members this agent sees; {@code /v1/nodes/{node}/instances}: what one runs. */
final class NodesService implements HttpService {
    private final AgentServices services;

    NodesService(AgentServices services) {
        this.services = Objects.requireNonNull(services, "services");
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/", this::list).get("/{node}/instances", this::instances);
    }

    private void list(ServerRequest req, ServerResponse res) {
        Replies.ok(res, StatusDocuments.nodes(services.cluster(), services.view()));
    }

    private void instances(ServerRequest req, ServerResponse res) {
        String node = req.path().pathParameters().get("node");
        ClusterView view = services.view();
        if (view.member(node).isEmpty()) {
            throw ApiException.notFound("no member '" + node + "' in the cluster", "see GET /v1/nodes (mesh nodes) for the members");
        }
        Replies.ok(res, new ApiDocuments.Instances(services.nodeId(), InstanceRows.of(view, null, node, services.supervised())));
    }
}
