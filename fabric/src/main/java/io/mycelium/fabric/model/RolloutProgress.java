package io.mycelium.fabric.model;

import io.mycelium.spore.digest.Digest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What one node has observed of an app's rollout, as moments it saw first: a node-owned record
 * (owner: the node, name: the app). The rollout decision reads the marks of every node for the
 * current rollout and takes each mark's earliest time, so that timers (a canary step's hold, the
 * scale-down delay) and latched outcomes (an automatic abort, a passed switch barrier) survive the
 * restart of any node and are the same for everyone. Marks of another rollout are ignored.
 *
 * @param app     the app
 * @param rollout the rollout the marks belong to ({@link RolloutCommand#rollout()})
 * @param target  its target revision
 * @param marks   at most one per (event, step), sorted
 */
public record RolloutProgress(String app, long rollout, Digest target, List<Mark> marks) {
    public enum Event {
        /** The step became the current one. */
        STEP_STARTED,
        /** Every instance the step asks for was Ready. */
        STEP_READY,
        /** Every live router routed the new revision with nothing in flight to the old one. */
        SWITCHED,
        /** After an abort, every live router routed the stable revision with nothing in flight to the new one. */
        REVERTED,
        /** Aborted by a gate (progress deadline, analysis, no data); {@code reason} says which. */
        ABORTED,
        /** The old revision was let go: the scale-down delay had passed with the new one Ready at full count. */
        COMPLETED;

        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** One observed moment: an event of a step (steps count from 0; -1 for whole-rollout events), when, and why. */
    public record Mark(Event event, int step, long atMs, String reason) {
        /** One mark per (event, step): the order and identity of marks. */
        public static final Comparator<Mark> KEY = Comparator.comparing(Mark::event).thenComparingInt(Mark::step);

        public Mark {
            Objects.requireNonNull(event, "event");
            if (step < -1) {
                throw new IllegalArgumentException("rollout mark " + event.wireName() + ": step " + step + " is below -1");
            }
            Checks.nonNegative("rollout mark at_ms", atMs);
            reason = reason == null ? "" : reason;
        }

        /** The earlier of two marks of the same (event, step); equal times keep the smaller reason, so every node picks alike. */
        public Mark earlier(Mark other) {
            if (atMs != other.atMs) {
                return atMs < other.atMs ? this : other;
            }
            return reason.compareTo(other.reason) <= 0 ? this : other;
        }
    }

    public RolloutProgress {
        Checks.name("app", app);
        Checks.nonNegative("rollout", rollout);
        Objects.requireNonNull(target, "target");
        TreeMap<Mark, Mark> byKey = new TreeMap<>(Mark.KEY);
        for (Mark m : Objects.requireNonNull(marks, "marks")) {
            byKey.merge(m, m, Mark::earlier);
        }
        marks = List.copyOf(byKey.values());
    }

    /** This record with {@code more} marks added (an existing mark keeps its earlier time). */
    public RolloutProgress with(List<Mark> more) {
        List<Mark> all = new ArrayList<>(marks);
        all.addAll(more);
        return new RolloutProgress(app, rollout, target, all);
    }
}
