package io.mycelium.agent.api;

import io.mycelium.client.api.ApiDocuments;
import io.mycelium.client.rows.PlanRows;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.mycelium.fabric.SubmitResult;
import io.mycelium.fabric.model.Json;
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
    private static final int MAX_BODY = FabricRecord.MAX_PAYLOAD * 2 + 4096;

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

    private void submit(ServerRequest req, ServerResponse res) {
        FabricRecord record = parse(Replies.body(req, MAX_BODY));
        String app = record.key().name();
        String problem = OperatorRecords.problem(record, services.operators());
        if (problem != null) {
            boolean unsigned = problem.equals("unsigned");
            throw new ApiException(unsigned ? 401 : 403, "plan for " + app + " refused: " + problem,
                    "sign the plan with an operator key this agent trusts: mesh plan apply ... --key operator.key");
        }
        long held = services.view().planRevision(app);
        long revision = record.version().major();
        if (revision < held) {
            throw new ApiException(409, "plan for " + app + " refused: revision " + revision + " is lower than the held revision " + held
                    + " (no rollback)", "re-apply: mesh plan apply reads the current revision and signs the next one");
        }
        SubmitResult result = services.submitPlan(record);
        if (!result.accepted()) {
            throw new ApiException(409, "plan for " + app + " refused: " + result.reason(),
                    "another plan for " + app + " won meanwhile; see GET /v1/plans/" + app + " and re-apply");
        }
        Replies.json(res, 202, new ApiDocuments.PlanAccepted(true, app, revision, services.nodeId(), record.tombstone()));
    }

    static FabricRecord parse(String body) {
        FabricRecord record;
        try {
            record = Json.read(body, FabricRecord.class);
        } catch (IllegalArgumentException e) {
            throw new ApiException(400, "body is not a signed record: " + firstLine(e.getMessage()),
                    "POST the JSON of a signed plan record (mesh plan apply makes one)");
        }
        if (record == null || record.key() == null || record.version() == null) {
            throw new ApiException(400, "body is not a signed record: key and version are required",
                    "POST the JSON of a signed plan record (mesh plan apply makes one)");
        }
        if (record.key().kind() != RecordKind.PLAN) {
            throw new ApiException(422, "record " + record.key() + " is a " + record.key().kind().wireName() + ", not a plan",
                    "POST plans only to /v1/plans");
        }
        if (!record.tombstone()) {
            Plan plan;
            try {
                plan = Json.read(record.payload(), Plan.class);
            } catch (IllegalArgumentException e) {
                throw new ApiException(422, "record " + record.key() + " does not hold a valid plan: " + firstLine(e.getMessage()),
                        "check the plan's fields (app, digest, instances...)");
            }
            if (plan == null || !plan.app().equals(record.key().name())) {
                throw new ApiException(422, "record " + record.key() + " holds a plan for '" + (plan == null ? null : plan.app()) + "'",
                        "the record's name and the plan's app must be the same");
            }
        }
        return record;
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "malformed";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
