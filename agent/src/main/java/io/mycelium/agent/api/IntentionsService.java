package io.mycelium.agent.api;

import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.mycelium.client.api.ApiDocuments;
import io.mycelium.fabric.model.Intention;
import io.mycelium.fabric.model.RecordKind;
import io.mycelium.fabric.state.FabricRecord;
import io.mycelium.fabric.state.RecordKey;
import java.util.Objects;

/**
 * {@code POST /v1/intentions}: a signed intention record ({@code mesh intention allow|deny|default})
 * or its signed deletion ({@code mesh intention remove}). Refused like a plan: 401 unsigned, 403
 * forged, 409 an older revision, 422 malformed (a bad app name, a record named for another pair).
 */
final class IntentionsService implements HttpService {
    static final SignedRecords.Accepts<Intention> INTENTIONS = new SignedRecords.Accepts<>(RecordKind.INTENTION, "intention",
            Intention.class, Intention::name, "mesh intention allow");

    private final AgentServices services;

    IntentionsService(AgentServices services) {
        this.services = Objects.requireNonNull(services, "services");
    }

    @Override
    public void routing(HttpRules rules) {
        rules.post("/", this::submit);
    }

    private void submit(ServerRequest req, ServerResponse res) {
        FabricRecord record = SignedRecords.parse(services, Replies.body(req, SignedRecords.MAX_BODY), INTENTIONS);
        long held = services.view().record(RecordKey.operator(RecordKind.INTENTION, record.key().name()))
                .map(r -> r.version().major()).orElse(0L);
        SignedRecords.submit(services, record, INTENTIONS, held);
        Replies.json(res, 202, new ApiDocuments.RecordAccepted(true, record.key().name(), record.version().major(), services.nodeId()));
    }
}
