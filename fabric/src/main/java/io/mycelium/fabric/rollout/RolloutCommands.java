package io.mycelium.fabric.rollout;

import io.mycelium.fabric.ClusterView;
import io.mycelium.fabric.model.RevisionEntry;
import io.mycelium.fabric.model.RevisionEntry.Outcome;
import io.mycelium.fabric.model.RolloutCommand;
import io.mycelium.fabric.model.RolloutCommand.Action;
import io.mycelium.fabric.state.Hlc;
import io.mycelium.spore.digest.Digest;
import io.mycelium.spore.key.KeyId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Builds the next operator command of an app's rollout from what a view shows, carrying the
 * rollout's operator-side state forward (see {@link RolloutCommand}), or refuses it with a message
 * that says why and what to do instead. Sign the result with
 * {@code OperatorRecords.sign(key, command, app, Rollouts.commandRevision(view, app) + 1, hlc)}, using
 * the same {@code hlc} that was passed here (a START's or UNDO's hlc is the rollout's id).
 */
public final class RolloutCommands {
    private RolloutCommands() {
    }

    /** A command that does not apply to the rollout as the view shows it. */
    public static final class Refused extends IllegalStateException {
        public Refused(String message) {
            super(message);
        }
    }

    /**
     * Starts a rollout of {@code app} to {@code target} from the revision it serves now. The plan
     * naming {@code target} (with a managed strategy) is submitted beside it.
     */
    public static RolloutCommand start(ClusterView view, String app, Digest target, String targetVersion, KeyId signer, long hlc, String note) {
        Objects.requireNonNull(target, "target");
        Optional<RolloutDecision> now = decision(view, app, hlc);
        Digest serving = now.map(d -> d.state().serving()).orElse(null);
        if (target.equals(serving)) {
            throw new Refused(app + " already serves " + target.shortForm() + ": nothing to roll out");
        }
        List<RevisionEntry> history = new ArrayList<>();
        history.add(entry(target, targetVersion, signer, hlc));
        history.addAll(endedHistory(now, serving));
        return new RolloutCommand(app, Action.START, target, note, serving, hlc, false, 0, false, 0, 0, history);
    }

    /** Passes the current step's gate (a promote while the step is still starting passes it once Ready). */
    public static RolloutCommand promote(ClusterView view, String app, long hlc, String note) {
        RolloutCommand c = running(view, app, "promote", hlc);
        RolloutState s = decision(view, app, hlc).orElseThrow().state();
        if (s.switched()) {
            throw new Refused(app + " is already promoted to " + s.desired().shortForm() + ": " + s.reason());
        }
        return next(c, Action.PROMOTE, note, Math.max(c.promotedSteps(), s.step() + 1), false, c.resumedAtMs(), c.abortedAtMs());
    }

    public static RolloutCommand pause(ClusterView view, String app, long hlc, String note) {
        RolloutCommand c = running(view, app, "pause", hlc);
        if (c.paused()) {
            throw new Refused("the rollout of " + app + " is already paused; resume it with mesh rollout resume " + app);
        }
        return next(c, Action.PAUSE, note, c.promotedSteps(), true, c.resumedAtMs(), c.abortedAtMs());
    }

    /** Resumes a paused rollout; the current step's timers (progress deadline, hold) count from now. */
    public static RolloutCommand resume(ClusterView view, String app, long hlc, String note) {
        RolloutCommand c = running(view, app, "resume", hlc);
        if (!c.paused()) {
            throw new Refused("the rollout of " + app + " is not paused: nothing to resume");
        }
        return next(c, Action.RESUME, note, c.promotedSteps(), false, Hlc.physicalMillis(hlc), c.abortedAtMs());
    }

    /** Aborts: all traffic back to stable, the new revision stops. */
    public static RolloutCommand abort(ClusterView view, String app, long hlc, String note) {
        RolloutCommand c = running(view, app, "abort", hlc);
        return next(c, Action.ABORT, note, c.promotedSteps(), c.paused(), c.resumedAtMs(), Math.max(1, Hlc.physicalMillis(hlc)));
    }

    /**
     * Goes back to {@code to}, or else to the newest completed revision in the history other than
     * the one serving: instantly while that revision still runs (during the scale-down delay), as a
     * new rollout at full count after that. The plan naming the undo's target is submitted beside it.
     */
    public static RolloutCommand undo(ClusterView view, String app, Optional<Digest> to, KeyId signer, long hlc, String note) {
        RolloutDecision d = decision(view, app, hlc).orElseThrow(() -> new Refused(app + " has no plan: nothing to undo"));
        RolloutState s = d.state();
        if (!s.phase().settled() && !s.switched()) {
            throw new Refused("the rollout of " + app + " to " + s.desired().shortForm() + " is not promoted yet: abort it instead (mesh rollout abort "
                    + app + ")");
        }
        Digest serving = s.serving();
        List<RevisionEntry> history = s.history();
        RevisionEntry back = to.map(t -> kept(history, t, serving, app)).orElseGet(() -> history.stream()
                .filter(e -> !e.digest().equals(serving) && (e.outcome() == Outcome.COMPLETED || e.outcome() == Outcome.UNDONE))
                .findFirst().orElseThrow(() -> new Refused(app + " has no earlier completed revision to go back to; name one with --to")));
        List<RevisionEntry> out = new ArrayList<>();
        out.add(entry(back.digest(), back.version(), signer, hlc));
        for (int i = 0; i < history.size(); i++) {
            RevisionEntry e = history.get(i);
            out.add(i == 0 && e.digest().equals(serving) ? e.withOutcome(Outcome.UNDONE) : e);
        }
        return new RolloutCommand(app, Action.UNDO, back.digest(), note, serving, hlc, true, 0, false, 0, 0, out);
    }

    private static RevisionEntry kept(List<RevisionEntry> history, Digest to, Digest serving, String app) {
        if (to.equals(serving)) {
            throw new Refused(app + " already serves " + to.shortForm() + ": nothing to undo");
        }
        return history.stream().filter(e -> e.digest().equals(to)).findFirst()
                .orElseThrow(() -> new Refused(to.shortForm() + " is not in the history of " + app + "; see mesh rollout history " + app));
    }

    /** The history as the current rollout leaves it: its head entry with the outcome it has now. */
    private static List<RevisionEntry> endedHistory(Optional<RolloutDecision> now, Digest serving) {
        if (now.isEmpty()) {
            return List.of();
        }
        RolloutState s = now.get().state();
        List<RevisionEntry> out = new ArrayList<>(s.history());
        if (!out.isEmpty() && out.get(0).outcome() == Outcome.IN_PROGRESS) {
            out.set(0, out.get(0).withOutcome(s.switched() ? Outcome.COMPLETED : Outcome.SUPERSEDED));
        }
        if (out.isEmpty() && serving != null) {
            out.add(new RevisionEntry(serving, "", "", 0, Outcome.COMPLETED));
        }
        return out;
    }

    private static RolloutCommand running(ClusterView view, String app, String verb, long hlc) {
        Optional<RolloutDecision> d = decision(view, app, hlc);
        Optional<RolloutCommand> c = Rollouts.command(view, app);
        if (d.isEmpty() || c.isEmpty() || !c.get().managed() || d.get().state().rollout() == 0) {
            throw new Refused(app + " has no rollout: nothing to " + verb + " (start one with mesh rollout start " + app + ")");
        }
        RolloutState s = d.get().state();
        if (s.phase().settled()) {
            throw new Refused("the rollout of " + app + " to " + s.desired().shortForm() + " has ended (" + s.phase().wireName() + "): nothing to "
                    + verb + (s.phase() == Phase.COMPLETED ? "; go back with mesh rollout undo " + app : ""));
        }
        return c.get();
    }

    private static RolloutCommand next(RolloutCommand c, Action action, String note, int promoted, boolean paused, long resumedAt, long abortedAt) {
        return new RolloutCommand(c.app(), action, c.target(), note, c.stable(), c.rollout(), c.undo(), promoted, paused, resumedAt, abortedAt,
                c.history());
    }

    private static RevisionEntry entry(Digest d, String version, KeyId signer, long hlc) {
        return new RevisionEntry(d, version, signer.hex(), Hlc.physicalMillis(hlc), Outcome.IN_PROGRESS);
    }

    private static Optional<RolloutDecision> decision(ClusterView view, String app, long hlc) {
        return Rollouts.next(view, app, Instant.ofEpochMilli(Hlc.physicalMillis(hlc)));
    }
}
