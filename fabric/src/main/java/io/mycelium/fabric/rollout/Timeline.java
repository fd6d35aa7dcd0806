package io.mycelium.fabric.rollout;

import io.mycelium.fabric.ClusterView;
import io.mycelium.fabric.model.RecordKind;
import io.mycelium.fabric.model.RolloutProgress;
import io.mycelium.fabric.model.RolloutProgress.Event;
import io.mycelium.fabric.model.RolloutProgress.Mark;
import io.mycelium.fabric.state.FabricRecord;
import io.mycelium.spore.digest.Digest;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The merged marks of one rollout: every node's {@link RolloutProgress} for it (live or not: a
 * mark stays true when its node goes away), each (event, step) at its earliest time. Marks this
 * pass observes for the first time are collected in {@link #fresh()} for the node to publish.
 */
final class Timeline {
    private final TreeMap<Mark, Mark> known = new TreeMap<>(Mark.KEY);
    private final List<Mark> fresh = new ArrayList<>();

    static Timeline of(ClusterView view, String app, long rollout, Digest target) {
        Timeline t = new Timeline();
        for (FabricRecord r : view.records()) {
            if (r.key().kind() != RecordKind.ROLLOUT_PROGRESS || !r.key().name().equals(app) || r.tombstone()) {
                continue;
            }
            RolloutProgress p = r.value(RolloutProgress.class).orElseThrow();
            if (p.rollout() == rollout && p.target().equals(target)) {
                for (Mark m : p.marks()) {
                    t.known.merge(m, m, Mark::earlier);
                }
            }
        }
        return t;
    }

    Optional<Mark> mark(Event e, int step) {
        return Optional.ofNullable(known.get(new Mark(e, step, 0, "")));
    }

    /** The time of a mark, or {@code now} after noting it as fresh (this pass is the first to see it). */
    long observe(Event e, int step, long now, String reason) {
        Optional<Mark> m = mark(e, step);
        if (m.isPresent()) {
            return m.get().atMs();
        }
        Mark n = new Mark(e, step, now, reason);
        known.put(n, n);
        fresh.add(n);
        return now;
    }

    /** The highest step with a STEP_STARTED mark (0 when none). */
    int latestStartedStep() {
        int step = 0;
        for (Mark m : known.values()) {
            if (m.event() == Event.STEP_STARTED) {
                step = Math.max(step, m.step());
            }
        }
        return step;
    }

    List<Mark> fresh() {
        return List.copyOf(fresh);
    }
}
