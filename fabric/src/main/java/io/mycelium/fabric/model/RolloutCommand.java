package io.mycelium.fabric.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.mycelium.spore.digest.Digest;
import java.util.List;
import java.util.Objects;

/**
 * An operator's last word on an app's rollout: a signed operator record keyed by app, so the one
 * with the highest (revision, hlc, signing key id) wins on every node and concurrent commands
 * from two operators resolve to one outcome. Because only the winner is kept, each command
 * carries the rollout's whole operator-side state forward from the command it follows (build them
 * with {@code io.mycelium.fabric.rollout.RolloutCommands}): a promote after a pause is still paused
 * until resumed, an abort stays aborted.
 *
 * @param app           the app
 * @param action        what this command did last
 * @param target        the revision the rollout moves to (the plan's digest); for UNDO the revision
 *                      it goes back to. May be null only in records written before rollouts existed
 * @param note          free text from the operator
 * @param stable        the revision the rollout moves from, serving until promotion (null: the app
 *                      had none, a first deployment)
 * @param rollout       which rollout this is: the hlc at which its START or UNDO was signed (0:
 *                      a record from before rollouts); node-owned progress names it
 * @param promotedSteps how many steps operators have promoted: step {@code i}'s gate is passed by
 *                      promotion when {@code promotedSteps > i} (a stale promote cannot skip two)
 * @param undo          the rollout was started by UNDO: it switches as soon as the target is Ready
 *                      at full count (no preview, steps or analysis: it goes back to a known revision)
 * @param paused        automatic progress is stopped (promote and abort still act)
 * @param resumedAtMs   when it was last resumed: timers of the current step count from here
 * @param abortedAtMs   when an operator aborted it (0: not aborted); an abort is never undone by a
 *                      later command of the same rollout
 * @param history       the revisions this app went through, newest first, at most {@link #MAX_HISTORY}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RolloutCommand(String app, Action action, Digest target, String note, Digest stable, long rollout,
                             boolean undo, int promotedSteps, boolean paused, long resumedAtMs, long abortedAtMs,
                             @JsonInclude(JsonInclude.Include.NON_EMPTY) List<RevisionEntry> history) {
    public enum Action { PROMOTE, PAUSE, RESUME, ABORT, START, UNDO }

    public static final int MAX_HISTORY = 20;

    /** A command as written before rollouts existed (no rollout state). */
    public RolloutCommand(String app, Action action, Digest target, String note) {
        this(app, action, target, note, null, 0, false, 0, false, 0, 0, List.of());
    }

    public RolloutCommand {
        Checks.name("app", app);
        Objects.requireNonNull(action, "action");
        note = note == null ? "" : note;
        if ((action == Action.START || action == Action.UNDO) && target == null) {
            throw new IllegalArgumentException("rollout " + action.name().toLowerCase(java.util.Locale.ROOT) + " of " + app + " names no target revision");
        }
        if (rollout != 0 && target == null) {
            throw new IllegalArgumentException("rollout " + rollout + " of " + app + " names no target revision");
        }
        if (stable != null && stable.equals(target)) {
            throw new IllegalArgumentException("rollout of " + app + ": stable and target are both " + target.shortForm());
        }
        Checks.nonNegative("rollout", rollout);
        Checks.nonNegative("promoted_steps", promotedSteps);
        Checks.nonNegative("resumed_at_ms", resumedAtMs);
        Checks.nonNegative("aborted_at_ms", abortedAtMs);
        history = history == null ? List.of() : List.copyOf(history.subList(0, Math.min(history.size(), MAX_HISTORY)));
    }

    /** True for a command of a rollout (START/UNDO and what follows them), false for a record from before rollouts. */
    public boolean managed() {
        return rollout != 0;
    }

    public boolean aborted() {
        return abortedAtMs != 0;
    }
}
