package io.mycelium.agent.api;

import io.mycelium.client.api.ApiDocuments;
import io.mycelium.client.rows.PlanRows;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.mycelium.fabric.SubmitResult;
import io.mycelium.fabric.model.Json;
import io.mycelium.fabric.ClusterView;
import io.mycelium.fabric.model.Plan;
import io.mycelium.fabric.model.RecordKind;
import io.mycelium.fabric.state.FabricRecord;
import io.mycelium.fabric.state.OperatorRecords;
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
        Replies.ok(res, new ApiDocuments.Plans(PlanRows.all(services.view())));
    }

    private void one(ServerRequest req, ServerResponse res) {
        String app = req.path().pathParameters().get("app");
        ApiDocuments.PlanRow row = PlanRows.of(services.view(), app).orElseThrow(() -> ApiException.notFound("no plan for app '" + app + "'",
                "apply one: mesh plan apply --app " + app + " --digest sha256:... --key operator.key"));
        Replies.ok(res, row);
    }

    static final SignedRecords.Accepts<Plan> PLANS = new SignedRecords.Accepts<>(RecordKind.PLAN, "plan", Plan.class, Plan::app,
            "mesh plan apply");

    private void submit(ServerRequest req, ServerResponse res) {
        FabricRecord record = SignedRecords.parse(services, Replies.body(req, SignedRecords.MAX_BODY), PLANS);
        String app = record.key().name();
        SignedRecords.submit(services, record, PLANS, services.view().planRevision(app));
        Replies.json(res, 202, new ApiDocuments.PlanAccepted(true, app, record.version().major(), services.nodeId(), record.tombstone()));
    }

    static FabricRecord parse(String body) {
        return SignedRecords.parse(body, PLANS);
    }
}
