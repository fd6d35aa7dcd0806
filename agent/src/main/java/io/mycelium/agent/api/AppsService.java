package io.mycelium.agent.api;

import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.mycelium.fabric.ClusterView;
import io.mycelium.fabric.model.Plan;
import io.mycelium.fabric.model.RecordKind;
import io.mycelium.fabric.placement.PlacementResult;
import io.mycelium.fabric.state.FabricRecord;
import io.mycelium.fabric.state.RecordKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/** {@code /v1/apps}: per app its plan, revision, desired and ready counts, states and unplaced slots. */
final class AppsService implements HttpService {
    private final AgentServices services;

    AppsService(AgentServices services) {
        this.services = Objects.requireNonNull(services, "services");
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/", this::list).get("/{app}", this::one).get("/{app}/instances", this::instances);
    }

    private void list(ServerRequest req, ServerResponse res) {
        ClusterView view = services.view();
        List<PlacementResult.Unplaced> unplaced = services.unplaced();
        List<ApiDocuments.InstanceRow> instances = InstanceRows.of(services, view, null, null);
        List<ApiDocuments.AppRow> rows = new ArrayList<>();
        for (String app : apps(view, instances)) {
            rows.add(row(view, app, instances, unplaced));
        }
        Replies.ok(res, new ApiDocuments.Apps(services.nodeId(), rows));
    }

    /** Apps with a plan, a live endpoint or an instance on a live agent. */
    private static java.util.Set<String> apps(ClusterView view, List<ApiDocuments.InstanceRow> instances) {
        java.util.Set<String> out = new java.util.TreeSet<>(view.apps());
        instances.forEach(i -> out.add(i.app()));
        return out;
    }

    private String app(ServerRequest req, ClusterView view) {
        String app = req.path().pathParameters().get("app");
        if (!apps(view, InstanceRows.of(services, view, app, null)).contains(app)) {
            throw ApiException.notFound("no app '" + app + "' in the cluster (no plan, no endpoint, no instance)",
                    "see GET /v1/apps (mesh apps); apply a plan with mesh plan apply --app " + app + " ...");
        }
        return app;
    }

    private void one(ServerRequest req, ServerResponse res) {
        ClusterView view = services.view();
        String app = app(req, view);
        Replies.ok(res, row(view, app, InstanceRows.of(services, view, app, null), services.unplaced()));
    }

    private void instances(ServerRequest req, ServerResponse res) {
        ClusterView view = services.view();
        String app = app(req, view);
        Replies.ok(res, new ApiDocuments.Instances(services.nodeId(), InstanceRows.of(services, view, app, null)));
    }

    static ApiDocuments.AppRow row(ClusterView view, String app, List<ApiDocuments.InstanceRow> instances,
                                   List<PlacementResult.Unplaced> unplaced) {
        Plan plan = view.plan(app).orElse(null);
        FabricRecord record = view.record(RecordKey.operator(RecordKind.PLAN, app)).orElse(null);
        String digest = plan == null ? null : plan.digest().toString();
        int ready = 0;
        int other = 0;
        Map<String, Integer> states = new TreeMap<>();
        for (ApiDocuments.InstanceRow i : instances) {
            if (!i.app().equals(app)) {
                continue;
            }
            states.merge(i.state(), 1, Integer::sum);
            boolean current = i.digest().equals(digest);
            if (current && i.state().equals("ready")) {
                ready++;
            } else if (!current && !i.state().equals("stopped")) {
                other++;
            }
        }
        List<ApiDocuments.UnplacedRow> missing = new ArrayList<>();
        for (PlacementResult.Unplaced u : unplaced) {
            if (u.slot().app().equals(app)) {
                missing.add(new ApiDocuments.UnplacedRow(u.slot().index(), u.reason()));
            }
        }
        return new ApiDocuments.AppRow(app, record == null || record.tombstone() ? 0 : record.version().major(),
                record == null ? "" : record.version().tiebreak(), plan, plan == null ? 0 : plan.instances(), ready, other, states, missing);
    }
}
