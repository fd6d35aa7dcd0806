package io.mycelium.fabric.rollout;

import io.mycelium.fabric.model.RolloutProgress;
import io.mycelium.spore.digest.Digest;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What an app's rollout asks of everyone now, a pure function of a view and the time.
 *
 * @param state     the rollout's state (phase, step, reason, history)
 * @param instances revision to how many instances of it should exist; a revision not listed should
 *                  have none (agents place and update towards these counts); sorted by digest
 * @param ready     revision to how many of its instances are Ready in the view
 * @param split     what every router applies
 * @param barrier   the switch barrier being waited on, if any
 * @param analysis  what analysis says of the desired revision now
 * @param scaleDownAtMs when the old revision stops (0: not scheduled)
 * @param marks     moments this pass observed first: the deciding node adds them to its
 *                  {@link RolloutProgress} record for {@code state.rollout()} and
 *                  {@code state.desired()} (empty once they are in the view)
 */
public record RolloutDecision(RolloutState state, Map<Digest, Integer> instances, Map<Digest, Integer> ready,
                              TrafficSplit split, Optional<Barrier> barrier, Verdict analysis, long scaleDownAtMs,
                              List<RolloutProgress.Mark> marks) {
    public RolloutDecision {
        Objects.requireNonNull(state, "state");
        instances = positive(instances);
        ready = positive(ready);
        Objects.requireNonNull(split, "split");
        Objects.requireNonNull(barrier, "barrier");
        Objects.requireNonNull(analysis, "analysis");
        marks = List.copyOf(marks);
    }

    private static SortedMap<Digest, Integer> positive(Map<Digest, Integer> in) {
        TreeMap<Digest, Integer> out = new TreeMap<>();
        in.forEach((d, n) -> {
            if (n > 0) {
                out.put(d, n);
            }
        });
        return Collections.unmodifiableSortedMap(out);
    }

    public int instancesOf(Digest d) {
        return instances.getOrDefault(d, 0);
    }

    public Phase phase() {
        return state.phase();
    }

    /** The progress record the deciding node publishes: its own {@code current} with this pass's marks added. */
    public Optional<RolloutProgress> progress(Optional<RolloutProgress> current) {
        if (marks.isEmpty() || state.rollout() == 0) {
            return Optional.empty();
        }
        RolloutProgress base = current.filter(p -> p.rollout() == state.rollout() && p.target().equals(state.desired()))
                .orElse(new RolloutProgress(state.app(), state.rollout(), state.desired(), List.of()));
        return Optional.of(base.with(marks));
    }
}
