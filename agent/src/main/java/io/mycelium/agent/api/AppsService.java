package io.mycelium.agent.api;

import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.mycelium.client.api.ApiDocuments;
import io.mycelium.client.rows.AppRows;
import io.mycelium.client.rows.InstanceRows;
import io.mycelium.fabric.ClusterView;
import java.util.List;
import java.util.Objects;

/** {@code /v1/apps}: per app its plan, revision, desired and ready counts, states and unplaced slots ({@link AppRows}). */
final class AppsService implements HttpService {
    private final AgentServices services;

    AppsService(AgentServices services) {
        this.services = Objects.requireNonNull(services, "services");
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/", this::list).get("/{app}", this::one).get("/{app}/instances", this::instances);
    }

    private List<ApiDocuments.InstanceRow> instances(ClusterView view, String app) {
        return InstanceRows.of(view, app, null, services.supervised());
    }

    private void list(ServerRequest req, ServerResponse res) {
        ClusterView view = services.view();
        Replies.ok(res, new ApiDocuments.Apps(services.nodeId(), AppRows.all(view, instances(view, null), services.unplaced())));
    }

    private String app(ServerRequest req, ClusterView view) {
        String app = req.path().pathParameters().get("app");
        if (!AppRows.apps(view, instances(view, app)).contains(app)) {
            throw ApiException.notFound("no app '" + app + "' in the cluster (no plan, no endpoint, no instance)",
                    "see GET /v1/apps (mesh apps); apply a plan with mesh plan apply --app " + app + " ...");
        }
        return app;
    }

    private void one(ServerRequest req, ServerResponse res) {
        ClusterView view = services.view();
        String app = app(req, view);
        Replies.ok(res, AppRows.row(view, app, instances(view, app), services.unplaced()));
    }

    private void instances(ServerRequest req, ServerResponse res) {
        ClusterView view = services.view();
        String app = app(req, view);
        Replies.ok(res, new ApiDocuments.Instances(services.nodeId(), instances(view, app)));
    }
}
