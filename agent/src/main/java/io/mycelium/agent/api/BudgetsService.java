package io.mycelium.agent.api;

import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.mycelium.client.api.ApiDocuments;
import io.mycelium.fabric.model.Budget;
import io.mycelium.fabric.model.Json;
import io.mycelium.fabric.model.Price;
import io.mycelium.fabric.model.RecordKind;
import io.mycelium.fabric.state.FabricRecord;
import io.mycelium.fabric.state.RecordKey;
import java.util.Objects;

/**
 * {@code POST /v1/budgets}: a signed budget record ({@code mesh budget set/topup}) or the cluster's
 * signed price record ({@code mesh price set}). Refused like a plan: 401 unsigned, 403 forged,
 * 409 an older revision, 422 malformed (a negative or absurd budget, a price of zero).
 */
final class BudgetsService implements HttpService {
    static final SignedRecords.Accepts<Budget> BUDGETS = new SignedRecords.Accepts<>(RecordKind.BUDGET, "budget", Budget.class,
            Budget::app, "mesh budget set");
    static final SignedRecords.Accepts<Price> PRICES = new SignedRecords.Accepts<>(RecordKind.PRICE, "price", Price.class,
            Price::name, "mesh price set");

    private final AgentServices services;

    BudgetsService(AgentServices services) {
        this.services = Objects.requireNonNull(services, "services");
    }

    @Override
    public void routing(HttpRules rules) {
        rules.post("/", this::submit);
    }

    private void submit(ServerRequest req, ServerResponse res) {
        String body = Replies.body(req, SignedRecords.MAX_BODY);
        SignedRecords.Accepts<?> accepts = kindOf(body) == RecordKind.PRICE ? PRICES : BUDGETS;
        FabricRecord record = SignedRecords.parse(body, accepts);
        long held = services.view().record(RecordKey.operator(accepts.kind(), record.key().name()))
                .map(r -> r.version().major()).orElse(0L);
        SignedRecords.submit(services, record, accepts, held);
        Replies.json(res, 202, new ApiDocuments.RecordAccepted(true, record.key().name(), record.version().major(), services.nodeId()));
    }

    /** The kind the body's record names; a body that is no record is checked (and refused) as a budget. */
    private static RecordKind kindOf(String body) {
        try {
            FabricRecord r = Json.read(body, FabricRecord.class);
            return r == null || r.key() == null ? RecordKind.BUDGET : r.key().kind();
        } catch (RuntimeException e) {
            return RecordKind.BUDGET;
        }
    }
}
