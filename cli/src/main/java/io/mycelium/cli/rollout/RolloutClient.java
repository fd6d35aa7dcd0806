package io.mycelium.cli.rollout;

import io.mycelium.client.api.ApiDocuments;
import io.mycelium.cli.MeshException;
import io.mycelium.client.http.AgentClient;
import io.mycelium.fabric.ClusterMember;
import io.mycelium.fabric.ClusterView;
import io.mycelium.fabric.membership.MemberStatus;
import io.mycelium.fabric.model.Plan;
import io.mycelium.fabric.model.RecordKind;
import io.mycelium.fabric.model.RevisionEntry;
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
import io.mycelium.spore.manifest.ManifestCodec;
import java.nio.charset.StandardCharsets;
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
final class RolloutClient implements AutoCloseable {
    private final AgentClient client;

    RolloutClient(AgentClient client) {
        this.client = Objects.requireNonNull(client, "client");
    }

    @Override
    public void close() {
        client.close();
    }

    String base() {
        return client.base();
    }

    /** The agent's view of the cluster now. */
    ClusterView view() {
        return io.mycelium.cli.api.ClusterViews.of(client);
    }

    /** The rollout decision for {@code app} on the agent's view now; not found (exit 1) when it has no plan. */
    io.mycelium.fabric.rollout.RolloutDecision decision(String app, java.time.Instant now) {
        return Rollouts.next(view(), app, now).orElseThrow(() -> MeshException.notFound(app + " has no plan at " + base() + ": see mesh apps"));
    }

    /**
     * The history with each blank version (a revision first deployed by a plan, with no rollout to
     * record its manifest) read from the manifest of the spore, when this agent holds it.
     */
    List<RevisionEntry> withVersions(List<RevisionEntry> history) {
        List<RevisionEntry> out = new ArrayList<>(history.size());
        for (RevisionEntry e : history) {
            String version = e.version().isEmpty() ? client.manifest(e.digest())
                    .map(m -> ManifestCodec.parse(m.getBytes(StandardCharsets.UTF_8), "the manifest of " + e.digest()).identity().version())
                    .orElse("") : e.version();
            out.add(new RevisionEntry(e.digest(), version, e.signer(), e.atMs(), e.outcome()));
        }
        return out;
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
            c = new RolloutCommand(c.app(), c.action(), c.target(), c.note(), c.stable(), c.rollout(), c.undo(), c.promotedSteps(),
                    c.paused(), c.resumedAtMs(), c.abortedAtMs(), withVersions(c.history()));
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
