package io.mycelium.fabric.rollout;

import io.mycelium.fabric.model.UpdateStrategy;
import io.mycelium.fabric.model.UpdateStrategy.CanaryStep;
import io.mycelium.spore.digest.Digest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One step of a rollout: the instances it asks for, which of them must be Ready (within the
 * progress deadline) before its split applies, the split, and the gate that ends it.
 *
 * @param name        the step in words
 * @param instances   revision to instance count while the step is current
 * @param readyNeeded Ready instances of the desired revision the step needs
 * @param split       the split once Ready; null: by Ready endpoints (rolling)
 * @param gate        what ends the step once Ready
 * @param holdMs      HOLD: how long; PROMOTE: the auto-promotion delay, or null for an operator's promote only
 * @param analysed    analysis of the desired revision gates this step (a failure aborts)
 */
record Step(String name, Map<Digest, Integer> instances, int readyNeeded, TrafficSplit split, Gate gate, Long holdMs, boolean analysed) {
    enum Gate {
        /** Ends after {@code holdMs} Ready, if analysis passes. */
        HOLD,
        /** Ends by an operator's promote, or after {@code holdMs} (when set) if analysis passes. */
        PROMOTE,
        /** The last step: traffic switches to the desired revision; the switch barrier, then the scale-down delay, end it. */
        SWITCH,
        /** Ends as soon as it is Ready. */
        NONE
    }

    Step {
        Objects.requireNonNull(name, "name");
        instances = new TreeMap<>(instances);
        Objects.requireNonNull(gate, "gate");
    }

    /**
     * The steps of a rollout from {@code stable} to {@code desired} of {@code n} instances.
     * A first deployment (no stable) and an undo switch as soon as the desired revision is Ready.
     */
    static List<Step> of(UpdateStrategy s, Digest stable, Digest desired, int n, boolean undo) {
        if (stable == null || undo) {
            return List.of(switchStep(stable, desired, n, false));
        }
        return switch (s.kind()) {
            case BLUE_GREEN -> List.of(
                    new Step("preview", both(stable, n, desired, n), n, TrafficSplit.all(stable).withPreview(desired), Gate.PROMOTE,
                            s.autoPromoteAfterMs(), true),
                    switchStep(stable, desired, n, true));
            case CANARY -> canary(s, stable, desired, n);
            case ROLLING -> rolling(s, stable, desired, n);
            case SURGE -> throw new IllegalArgumentException("surge is not a managed rollout");
        };
    }

    private static List<Step> canary(UpdateStrategy s, Digest stable, Digest desired, int n) {
        List<Step> out = new ArrayList<>();
        for (CanaryStep c : s.steps()) {
            int count = n == 0 ? 0 : Math.max(1, (int) Math.ceil(n * c.weight() / 100.0));
            Gate gate = c.holdMs() != null ? Gate.HOLD : Gate.PROMOTE;
            Long hold = c.holdMs() != null ? c.holdMs() : s.autoPromoteAfterMs();
            out.add(new Step("canary " + c.weight() + "%", both(stable, n, desired, count), count,
                    TrafficSplit.weighted(stable, desired, c.weight()).withPreview(desired), gate, hold, true));
        }
        out.add(switchStep(stable, desired, n, true));
        return out;
    }

    /**
     * Batch {@code j} of {@code ceil(n / (surge + unavailable))}: the new revision at
     * {@code min(n, j * (surge + unavailable))}, the old one at {@code n + surge - new}, so at most
     * {@code n + surge} instances exist and at least {@code n - unavailable} are Ready (the old ones
     * and the previous batches) when the batch starts.
     */
    private static List<Step> rolling(UpdateStrategy s, Digest stable, Digest desired, int n) {
        int per = s.surge() + s.unavailable();
        int batches = (n + per - 1) / per;
        if (batches == 0) {
            return List.of(new Step("scale to zero", both(stable, 0, desired, 0), 0, null, Gate.NONE, null, false));
        }
        List<Step> out = new ArrayList<>();
        for (int j = 1; j <= batches; j++) {
            int fresh = Math.min(n, j * per);
            int old = Math.min(n, Math.max(0, n + s.surge() - fresh));
            out.add(new Step("batch " + j + " of " + batches, both(stable, old, desired, fresh), fresh, null, Gate.HOLD, s.minReady(), true));
        }
        return out;
    }

    private static Step switchStep(Digest stable, Digest desired, int n, boolean analysed) {
        return new Step("switch", both(stable, n, desired, n), n, TrafficSplit.all(desired), Gate.SWITCH, null, analysed);
    }

    private static Map<Digest, Integer> both(Digest stable, int stableCount, Digest desired, int desiredCount) {
        TreeMap<Digest, Integer> m = new TreeMap<>();
        if (stable != null) {
            m.put(stable, stableCount);
        }
        m.put(desired, desiredCount);
        return m;
    }

}
