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
import io.mycelium.fabric.rollout.RolloutDecision;
import io.mycelium.fabric.rollout.RolloutState;
import io.mycelium.fabric.rollout.Rollouts;
import io.mycelium.fabric.state.FabricRecord;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code POST /v1/rollouts}: a signed rollout command record ({@code mesh rollout ...} builds it
 * from the cluster's state with {@code RolloutCommands} and signs it). Refused like a plan
 * (401 unsigned, 403 forged, 409 an older command replayed, 422 malformed), and also 422 when a
 * START or UNDO names a revision that no live agent holds, and 409 when a promote, pause, resume or
 * abort belongs to no running rollout (none started, another one since, or it has ended). Every
 * refusal is counted ({@link SignedRecords#REFUSED}).
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
        FabricRecord record = SignedRecords.parse(services, Replies.body(req, SignedRecords.MAX_BODY), ROLLOUTS);
        String app = record.key().name();
        ClusterView view = services.view();
        if (!record.tombstone()) {
            RolloutCommand c = Json.read(record.payload(), RolloutCommand.class);
            boolean moves = c.action() == RolloutCommand.Action.START || c.action() == RolloutCommand.Action.UNDO;
            if (moves && c.target() != null && view.holders(c.target()).isEmpty()) {
                throw SignedRecords.refused(services, ROLLOUTS, SignedRecords.Refusal.UNKNOWN_DIGEST, new ApiException(422,
                        "rollout of " + app + " refused: no live agent holds " + c.target(),
                        "publish the spore first: mesh publish SPORE, then start the rollout again"));
            }
            if (!moves && c.managed()) {
                String problem = notRunning(view, app, c);
                if (problem != null) {
                    throw SignedRecords.refused(services, ROLLOUTS, SignedRecords.Refusal.NO_ROLLOUT, new ApiException(409,
                            "rollout command for " + app + " refused: " + problem, "see mesh rollout status " + app));
                }
            }
        }
        SignedRecords.submit(services, record, ROLLOUTS, Rollouts.commandRevision(view, app));
        Replies.json(res, 202, new ApiDocuments.RolloutAccepted(true, app, record.version().major(), services.nodeId()));
    }

    /** Why a promote, pause, resume or abort {@code c} does not belong to the app's running rollout, or null if it does. */
    private String notRunning(ClusterView view, String app, RolloutCommand c) {
        String verb = c.action().name().toLowerCase(Locale.ROOT);
        Optional<RolloutCommand> held = Rollouts.command(view, app).filter(RolloutCommand::managed);
        if (held.isEmpty()) {
            return app + " has no rollout: nothing to " + verb + " (start one with mesh rollout start " + app + ")";
        }
        if (held.get().rollout() != c.rollout()) {
            return "the " + verb + " names rollout " + c.rollout() + " but the rollout of " + app + " is " + held.get().rollout();
        }
        Optional<RolloutState> state = Rollouts.next(view, app, Instant.ofEpochMilli(services.clock().millis())).map(RolloutDecision::state);
        if (state.isPresent() && state.get().phase().settled()) {
            return "the rollout of " + app + " has ended (" + state.get().phase().wireName() + "): nothing to " + verb;
        }
        return null;
    }
}
