package io.mycelium.fabric.rollout;

import io.mycelium.fabric.model.RevisionEntry;
import io.mycelium.fabric.model.UpdateStrategy;
import io.mycelium.spore.digest.Digest;
import java.util.List;
import java.util.Objects;

/**
 * An app's rollout as every node derives it from the same view: what consoles show and what the
 * decision acts on.
 *
 * @param app            the app
 * @param rollout        the rollout id ({@code RolloutCommand.rollout}; 0: no managed rollout)
 * @param stable         the revision serving before the rollout (null: none, a first deployment)
 * @param desired        the revision the rollout moves to
 * @param strategy       the plan's strategy
 * @param step           the current step, from 0
 * @param steps          how many steps there are, the final switch included
 * @param stepName       the current step in words ({@code canary 10%}, {@code preview}, {@code switch})
 * @param stepStartedAtMs when the current step started (millis)
 * @param phase          where the rollout is
 * @param reason         why it is there, or what it waits for, in words an operator can act on
 * @param switched       traffic goes to {@code desired} and stays there unless an abort or undo
 *                       comes (promoted, or completed); false before promotion and once aborted
 * @param history        the app's revisions, newest first; the head's outcome is the live one
 */
public record RolloutState(String app, long rollout, Digest stable, Digest desired, UpdateStrategy strategy, int step, int steps,
                           String stepName, long stepStartedAtMs, Phase phase, String reason, boolean switched, List<RevisionEntry> history) {
    public RolloutState {
        Objects.requireNonNull(app, "app");
        Objects.requireNonNull(desired, "desired");
        Objects.requireNonNull(strategy, "strategy");
        Objects.requireNonNull(stepName, "stepName");
        Objects.requireNonNull(phase, "phase");
        Objects.requireNonNull(reason, "reason");
        history = List.copyOf(history);
    }

    /** The same state in another phase, for another reason. */
    public RolloutState with(Phase p, String why) {
        return new RolloutState(app, rollout, stable, desired, strategy, step, steps, stepName, stepStartedAtMs, p, why, switched, history);
    }

    /**
     * The revision that has, or keeps, the app's traffic once nothing else happens: the desired one
     * after the switch (or when completed), the stable one otherwise (before promotion, or aborted).
     */
    public Digest serving() {
        return switched ? desired : stable;
    }
}
