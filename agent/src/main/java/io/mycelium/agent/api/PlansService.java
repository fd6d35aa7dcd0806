package io.mycelium.agent.api;

import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.mycelium.fabric.ClusterView;
import io.mycelium.fabric.model.Plan;
import io.mycelium.fabric.model.RecordKind;
import io.mycelium.fabric.state.FabricRecord;
import io.mycelium.fabric.state.OperatorRecords;
import io.mycelium.fabric.state.RecordKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * {@code /v1/plans}: the plans the fabric holds, and {@code POST} of a signed plan record (the
 * JSON of a {@link FabricRecord}, as {@link OperatorRecords#sign} makes it). The signature is the
 * authorization: an unsigned record is 401, a forged one 403, a lower revision than the held one
 * (a rollback) 409, a record that is not a well-formed plan 422.
 */
final class PlansService implements HttpService {
    private final AgentServices services;

    PlansService(AgentServices services) {
        this.services = Objects.requireNonNull(services, "services");
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/", this::list).get("/{app}", this::one).post("/", this::submit);
    }

    private void list(ServerRequest req, ServerResponse res) {
        ClusterView view = services.view();
        List<ApiDocuments.PlanRow> rows = new ArrayList<>();
        for (String app : view.plans().keySet()) {
            rows.add(row(view, app));
        }
        Replies.ok(res, new ApiDocuments.Plans(rows));
    }

    private static ApiDocuments.PlanRow row(ClusterView view, String app) {
        FabricRecord r = view.record(RecordKey.operator(RecordKind.PLAN, app)).orElseThrow();
        return new ApiDocuments.PlanRow(app, r.version().major(), r.version().minor(), r.version().tiebreak(),
                view.plan(app).orElseThrow());
    }

    private void one(ServerRequest req, ServerResponse res) {
        String app = req.path().pathParameters().get("app");
        ClusterView view = services.view();
        if (view.plan(app).isEmpty()) {
            throw ApiException.notFound("no plan for app '" + app + "'", "apply one: mesh plan apply --app " + app + " --digest sha256:... --key operator.key");
        }
        Replies.ok(res, row(view, app));
    }

    static final SignedRecords.Accepts<Plan> PLANS = new SignedRecords.Accepts<>(RecordKind.PLAN, "plan", Plan.class, Plan::app,
            "mesh plan apply");

    private void submit(ServerRequest req, ServerResponse res) {
        FabricRecord record = parse(Replies.body(req, SignedRecords.MAX_BODY));
        String app = record.key().name();
        SignedRecords.submit(services, record, PLANS, services.view().planRevision(app));
        Replies.json(res, 202, new ApiDocuments.PlanAccepted(true, app, record.version().major(), services.nodeId(), record.tombstone()));
    }

    static FabricRecord parse(String body) {
        return SignedRecords.parse(body, PLANS);
    }
}
