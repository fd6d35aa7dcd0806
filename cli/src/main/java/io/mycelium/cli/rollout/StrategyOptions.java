package io.mycelium.cli.rollout;

import io.mycelium.cli.MeshException;
import io.mycelium.fabric.model.UpdateStrategy;
import io.mycelium.fabric.model.UpdateStrategy.CanaryStep;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Option;

/**
 * The update strategy flags of {@code mesh plan apply} and {@code mesh rollout start}. Flags are
 * applied over the plan's current strategy; {@code --strategy} starts from that kind's defaults.
 * Contradictory settings (a flag the strategy does not use, canary weights that do not increase,
 * a rolling update that can never replace an instance) are refused with the fabric's message.
 */
public final class StrategyOptions {
    @Option(names = "--strategy", paramLabel = "KIND",
            description = "surge (replace each instance make-before-break), blue-green, canary or rolling.")
    String kind;

    @Option(names = "--auto-promote-after", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "blue-green, canary: promote by itself this long after the step is Ready (default: wait for mesh rollout promote).")
    Long autoPromoteAfter;

    @Option(names = "--scale-down-delay", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "blue-green, canary: how long the old revision stays after every edge switched (undo is instant meanwhile; default 30s).")
    Long scaleDownDelay;

    @Option(names = "--steps", paramLabel = "W[:HOLD],...", split = ",",
            description = "canary: traffic steps in percent, each held for HOLD once Ready (no HOLD: until promoted), e.g. 10:30s,50:30s.")
    List<String> steps;

    @Option(names = "--max-surge", paramLabel = "N", description = "rolling: extra instances at a time (default 1).")
    Integer maxSurge;

    @Option(names = "--max-unavailable", paramLabel = "N", description = "rolling: missing instances at a time (default 0).")
    Integer maxUnavailable;

    @Option(names = "--min-ready", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "rolling: how long each new batch stays Ready before the next.")
    Long minReady;

    @Option(names = "--progress-deadline", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "a step not Ready within this aborts the rollout (default 10m).")
    Long progressDeadline;

    @Option(names = "--on-no-data", paramLabel = "ACTION", description = "when analysis has too few requests at a gate: hold (default), promote or abort.")
    String onNoData;

    /** Whether any strategy flag was given. */
    public boolean given() {
        return kind != null || autoPromoteAfter != null || scaleDownDelay != null || steps != null || maxSurge != null
                || maxUnavailable != null || minReady != null || progressDeadline != null || onNoData != null;
    }

    /** The strategy these flags make over {@code current}; a usage error naming the contradiction. */
    public UpdateStrategy over(UpdateStrategy current) {
        UpdateStrategy base = current;
        if (kind != null) {
            UpdateStrategy.Kind k = kind(kind);
            base = k == current.kind() ? current : new UpdateStrategy(k, 1, 0);
        }
        try {
            return new UpdateStrategy(base.kind(), base.batch(), base.warmupMs(),
                    autoPromoteAfter != null ? autoPromoteAfter : base.autoPromoteAfterMs(),
                    scaleDownDelay != null ? scaleDownDelay : base.scaleDownDelayMs(),
                    steps != null ? canarySteps(steps) : base.steps(),
                    maxSurge != null ? maxSurge : base.maxSurge(),
                    maxUnavailable != null ? maxUnavailable : base.maxUnavailable(),
                    minReady != null ? minReady : base.minReadyMs(),
                    progressDeadline != null ? progressDeadline : base.progressDeadlineMs(),
                    base.analysis(),
                    onNoData != null ? noData(onNoData) : base.onNoData());
        } catch (IllegalArgumentException e) {
            throw MeshException.usage("contradictory strategy settings: " + e.getMessage());
        }
    }

    static UpdateStrategy.Kind kind(String text) {
        try {
            return UpdateStrategy.Kind.valueOf(text.toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw MeshException.usage("--strategy " + text + ": not surge, blue-green, canary or rolling");
        }
    }

    private static UpdateStrategy.NoDataAction noData(String text) {
        try {
            return UpdateStrategy.NoDataAction.valueOf(text.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw MeshException.usage("--on-no-data " + text + ": not hold, promote or abort");
        }
    }

    private static List<CanaryStep> canarySteps(List<String> texts) {
        List<CanaryStep> out = new ArrayList<>();
        for (String t : texts) {
            String[] parts = t.split(":", 2);
            try {
                int weight = Integer.parseInt(parts[0].trim().replace("%", ""));
                out.add(new CanaryStep(weight, parts.length == 2 ? DurationConverter.parse(parts[1]) : null));
            } catch (NumberFormatException e) {
                throw MeshException.usage("--steps " + t + ": a step is PERCENT or PERCENT:HOLD, e.g. 10:30s");
            } catch (RuntimeException e) {
                throw MeshException.usage("--steps " + t + ": " + e.getMessage());
            }
        }
        return out;
    }
}
