package io.mycelium.cli.rollout;

import io.mycelium.client.api.ApiDocuments;
import io.mycelium.cli.MeshException;
import io.mycelium.client.http.AgentClient;
import io.mycelium.fabric.ClusterMember;
import io.mycelium.fabric.ClusterView;
import io.mycelium.fabric.membership.MemberStatus;
import io.mycelium.fabric.model.Json;
import io.mycelium.fabric.model.Plan;
import io.mycelium.fabric.model.RecordKind;
import io.mycelium.fabric.model.Role;
import io.mycelium.fabric.model.RolloutCommand;
import io.mycelium.fabric.rollout.RolloutCommands;
import io.mycelium.fabric.rollout.Rollouts;
import io.mycelium.fabric.state.FabricRecord;
import io.mycelium.fabric.state.OperatorRecords;
import io.mycelium.fabric.state.RecordKey;
import io.mycelium.fabric.state.Version;
import io.mycelium.fabric.status.StatusDocuments;
import io.mycelium.spore.key.SigningKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * What the rollout commands need from an agent: the cluster as it sees it (members and records,
 * from {@code /v1/nodes} and {@code /v1/state}, as a {@link ClusterView} on which the CLI runs the
 * same pure functions as every node: {@link Rollouts#next} and {@link RolloutCommands}), and the
 * submission of signed rollout commands and plans.
 */
final class RolloutClient {
    private final AgentClient client;

    RolloutClient(AgentClient client) {
        this.client = Objects.requireNonNull(client, "client");
    }

    String base() {
        return client.base();
    }

    /** The agent's view of the cluster now. */
    ClusterView view() {
        return io.mycelium.cli.api.ClusterViews.of(client);
    }

    /**
     * Builds a command from a fresh view, signs it at the app's next command revision and submits
     * it; a {@link RolloutCommands.Refused} is a one-line refusal (exit 1).
     */
    ApiDocuments.RolloutAccepted command(String app, SigningKey key, long hlc, java.util.function.Function<ClusterView, RolloutCommand> build) {
        ClusterView view = view();
        RolloutCommand c;
        try {
            c = build.apply(view);
        } catch (RolloutCommands.Refused e) {
            throw MeshException.rejected(e.getMessage());
        }
        FabricRecord signed = OperatorRecords.sign(key, c, app, Rollouts.commandRevision(view, app) + 1, hlc);
        return client.submitRollout(signed);
    }

    /** Signs {@code plan} at the app's next plan revision of {@code view} and submits it. */
    ApiDocuments.PlanAccepted plan(ClusterView view, Plan plan, SigningKey key, long hlc) {
        FabricRecord signed = OperatorRecords.sign(key, plan, plan.app(), view.planRevision(plan.app()) + 1, hlc);
        return client.submitPlan(signed);
    }


    /** An hlc for a command signed now (the same form as {@code mesh plan apply}'s). */
    static long hlc(Supplier<Long> millis) {
        return millis.get() << 16;
    }
}
