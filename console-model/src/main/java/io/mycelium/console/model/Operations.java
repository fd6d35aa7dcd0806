package io.mycelium.console.model;

import io.mycelium.client.plan.PlanFile;
import io.mycelium.client.plan.PlanFileException;
import io.mycelium.client.plan.PlanNutrients;
import io.mycelium.console.command.RolloutAction;
import io.mycelium.console.source.ClusterSource;
import io.mycelium.fabric.ClusterView;
import io.mycelium.fabric.SubmitResult;
import io.mycelium.fabric.model.Plan;
import io.mycelium.fabric.model.RolloutCommand;
import io.mycelium.fabric.rollout.RolloutCommands;
import io.mycelium.client.explain.RolloutPreview;
import io.mycelium.spore.digest.Digest;
import io.mycelium.spore.key.KeyId;
import io.mycelium.spore.manifest.Manifest;
import io.mycelium.spore.verify.SporeInfo;
import io.mycelium.spore.verify.SporeRejectedException;
import io.mycelium.spore.verify.SporeVerifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The commands that change a cluster: each builds operator payloads from the session's current
 * view (the fabric's own rollout commands, the plan with one thing changed) and has the source
 * sign them at the next revision and submit them. Every outcome is written to the session's event
 * log with the signing key id.
 */
final class Operations {
    private final java.util.function.LongSupplier clock;

    Operations(java.util.function.LongSupplier clock) {
        this.clock = clock;
    }

    CommandResult scale(ClusterSession s, String app, int instances) {
        ClusterView view = s.view();
        Optional<Plan> plan = view.plan(app);
        if (plan.isEmpty()) {
            return CommandResult.failed("app " + app + " has no plan in " + s.name() + ": apply one first (:apply FILE)");
        }
        if (plan.get().instances() == instances) {
            return CommandResult.ok(app + " already has " + instances + " instances planned");
        }
        return submit(s, "scale " + app + " " + plan.get().instances() + " -> " + instances, app,
                List.of(plan.get().withInstances(instances)));
    }

    /** Applies a plan file, read as {@code mesh plan apply FILE} reads it. */
    CommandResult apply(ClusterSession s, Path file) {
        PlanFile f;
        Plan plan;
        try {
            f = PlanFile.read(file);
            plan = f.plan(null);
        } catch (PlanFileException e) {
            return CommandResult.failed(e.getMessage());
        }
        return applyFilled(s, plan, f.manifest());
    }

    /** Applies a plan as it is (nutrients included). */
    CommandResult apply(ClusterSession s, Plan plan) {
        return submit(s, "apply plan " + plan.app() + ": " + plan.instances() + " x " + plan.digest().shortForm(), plan.app(),
                List.of(plan));
    }

    /**
     * Applies {@code plan} with its nutrients from the spore's manifest ({@code manifest}, else a live
     * agent's copy, else the current plan's when the digest is unchanged), as {@code mesh plan apply} does.
     */
    CommandResult applyFilled(ClusterSession s, Plan plan, Optional<Manifest> manifest) {
        Optional<Manifest> m = manifest.isPresent() ? manifest : s.source().manifest(plan.digest());
        Optional<Plan> filled = PlanNutrients.fill(plan, m, s.view().plan(plan.app()));
        if (filled.isEmpty()) {
            return CommandResult.failed("no agent of " + s.name() + " holds " + plan.digest().shortForm()
                    + ", so its nutrients are unknown: publish it first (:publish FILE.spore)");
        }
        return apply(s, filled.get());
    }

    /** Publishes a spore file to a live agent, signed with the operator key; logged with the key id. */
    CommandResult publish(ClusterSession s, Path file) {
        if (!Files.isRegularFile(file)) {
            return CommandResult.failed("no file " + file + ": give the path of a .spore file (mesh spore pack makes one)");
        }
        SporeInfo info;
        try {
            info = SporeVerifier.inspect(file);
        } catch (SporeRejectedException e) {
            return CommandResult.failed(file + " is not a spore: " + e.getMessage());
        }
        Optional<KeyId> signer = s.source().operator();
        String what = "publish " + info.manifest().identity().name() + " " + info.manifest().identity().version() + " "
                + info.digest().shortForm();
        ClusterSource.Outcome o = s.source().publish(info);
        String by = signer.map(k -> " (signed by " + k.shortForm() + ")").orElse("");
        s.events().command(clock.getAsLong(), info.manifest().identity().name(),
                (o.done() ? what : "refused: " + what + ": " + o.message()) + by, signer);
        s.touch();
        return o.done() ? CommandResult.ok(what + by + ": " + o.message() + "; :plan uses it") : CommandResult.failed(what + " refused: " + o.message());
    }

    CommandResult rollout(ClusterSession s, RolloutAction action, String app, Optional<Digest> target) {
        ClusterView view = s.view();
        Optional<KeyId> signer = s.source().operator();
        if (signer.isEmpty()) {
            return CommandResult.failed("this console is read-only: start it with --key operator.key to drive rollouts");
        }
        long now = s.source().hlcNow();
        String note = "from the console";
        List<Object> changes = new ArrayList<>();
        RolloutCommand cmd;
        try {
            cmd = switch (action) {
                case PROMOTE -> RolloutCommands.promote(view, app, now, note);
                case PAUSE -> RolloutCommands.pause(view, app, now, note);
                case RESUME -> RolloutCommands.resume(view, app, now, note);
                case ABORT -> RolloutCommands.abort(view, app, now, note);
                case UNDO -> RolloutCommands.undo(view, app, Optional.empty(), signer.get(), now, note);
                case START -> {
                    if (target.isEmpty()) {
                        throw new RolloutCommands.Refused("which revision? :rollout start " + app + " sha256:...");
                    }
                    yield RolloutCommands.start(view, app, target.get(), "", signer.get(), now, note);
                }
            };
        } catch (RolloutCommands.Refused | IllegalArgumentException | java.util.NoSuchElementException e) {
            s.events().command(clock.getAsLong(), app, "refused: rollout " + action.word() + " " + app + ": " + e.getMessage(), signer);
            s.touch();
            return CommandResult.failed("rollout " + action.word() + " " + app + ": " + e.getMessage());
        }
        if (action == RolloutAction.START || action == RolloutAction.UNDO) {
            Plan plan = view.plan(app).orElseThrow();
            changes.add(plan.withDigest(cmd.target()));
        }
        changes.add(cmd);
        return submit(s, "rollout " + action.word() + " " + app, app, changes);
    }

    /**
     * What starting a rollout of {@code app} to {@code target} would cost ({@link RolloutPreview#summary}),
     * or empty when it could not start (no signer, no target, no plan, a refusal): then
     * {@link #rollout} says why.
     */
    Optional<String> rolloutCost(ClusterSession s, String app, Optional<Digest> target) {
        ClusterView view = s.view();
        Optional<KeyId> signer = s.source().operator();
        Optional<Plan> plan = view.plan(app);
        if (signer.isEmpty() || target.isEmpty() || plan.isEmpty() || !s.source().connected()) {
            return Optional.empty();
        }
        try {
            RolloutCommand cmd = RolloutCommands.start(view, app, target.get(), "", signer.get(), s.source().hlcNow(), "from the console");
            return Optional.of(RolloutPreview.of(view, plan.get().withDigest(cmd.target()), cmd).summary());
        } catch (RolloutCommands.Refused | IllegalArgumentException | java.util.NoSuchElementException e) {
            return Optional.empty();
        }
    }

    /** Asks the instance's agent to stop or restart it, signed by the source's operator key; logged with the key id. */
    CommandResult instance(ClusterSession s, String action, InstanceRow row) {
        Optional<KeyId> signer = s.source().operator();
        String what = action + " " + row.id() + " on " + row.node();
        ClusterSource.Outcome o = s.source().instanceAction(row.node(), row.id(), action);
        String by = signer.map(k -> " (signed by " + k.shortForm() + ")").orElse("");
        s.events().command(clock.getAsLong(), row.id(), (o.done() ? what : "refused: " + what + ": " + o.message()) + by, signer);
        s.touch();
        return o.done() ? CommandResult.ok(what + by + ": " + o.message()) : CommandResult.failed(what + " refused: " + o.message());
    }

    private CommandResult submit(ClusterSession s, String what, String app, List<Object> payloads) {
        Optional<KeyId> signer = s.source().operator();
        for (Object payload : payloads) {
            SubmitResult r = s.source().submit(payload, app);
            if (!r.accepted()) {
                s.events().command(clock.getAsLong(), app, "refused: " + what + ": " + r.reason(), signer);
                s.touch();
                return CommandResult.failed(what + " refused: " + r.reason());
            }
        }
        String by = signer.map(k -> " (signed by " + k.shortForm() + ")").orElse("");
        s.events().command(clock.getAsLong(), app, what + by, signer);
        s.touch();
        return CommandResult.ok(what + " submitted to " + s.name() + by);
    }
}
