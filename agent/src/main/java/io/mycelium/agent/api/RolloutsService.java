package io.mycelium.agent.api;

import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.mycelium.client.api.ApiDocuments;
import io.mycelium.fabric.ClusterView;
import io.mycelium.fabric.model.Json;
import io.mycelium.fabric.model.RecordKind;
import io.mycelium.fabric.model.RolloutCommand;
import io.mycelium.fabric.rollout.Rollouts;
import io.mycelium.fabric.state.FabricRecord;
import java.util.Objects;

/**
 * {@code POST /v1/rollouts}: a signed rollout command record ({@code mesh rollout ...} builds it
 * from the cluster's state with {@code RolloutCommands} and signs it). Refused like a plan
 * (401 unsigned, 403 forged, 409 an older command replayed, 422 malformed), and also 422 when a
 * START or UNDO names a revision that no live agent holds.
 */
final class RolloutsService implements HttpService {
    static final SignedRecords.Accepts<RolloutCommand> ROLLOUTS = new SignedRecords.Accepts<>(RecordKind.ROLLOUT, "rollout command",
            RolloutCommand.class, RolloutCommand::app, "mesh rollout");

    private final AgentServices services;

    RolloutsService(AgentServices services) {
        this.services = Objects.requireNonNull(services, "services");
    }

    @Override
    public void routing(HttpRules rules) {
        rules.post("/", this::submit);
    }

    private void submit(ServerRequest req, ServerResponse res) {
        FabricRecord record = SignedRecords.parse(Replies.body(req, SignedRecords.MAX_BODY), ROLLOUTS);
        String app = record.key().name();
        ClusterView view = services.view();
        if (!record.tombstone()) {
            RolloutCommand c = Json.read(record.payload(), RolloutCommand.class);
            boolean moves = c.action() == RolloutCommand.Action.START || c.action() == RolloutCommand.Action.UNDO;
            if (moves && c.target() != null && view.holders(c.target()).isEmpty()) {
                throw new ApiException(422, "rollout of " + app + " refused: no live agent holds " + c.target(),
                        "publish the spore first: mesh publish SPORE, then start the rollout again");
            }
        }
        SignedRecords.submit(services, record, ROLLOUTS, Rollouts.commandRevision(view, app));
        Replies.json(res, 202, new ApiDocuments.RolloutAccepted(true, app, record.version().major(), services.nodeId()));
    }
}
