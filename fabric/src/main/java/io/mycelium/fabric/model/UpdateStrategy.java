package io.mycelium.fabric.model;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * How a plan's digest change is rolled out; part of the plan.
 *
 * <ul>
 *   <li>{@code SURGE} (the default, and what every plan without a strategy means): each slot starts
 *       its new instance and waits for it to be Ready before draining the old one; no rollout
 *       state, no traffic steps. {@code batch} and {@code warmupMs} are kept as they were.</li>
 *   <li>{@code BLUE_GREEN}: green at full count beside blue, reachable only as a preview, promoted
 *       by an operator or after {@code autoPromoteAfterMs}; blue stops {@code scaleDownDelayMs}
 *       after every router has switched (the switch barrier).</li>
 *   <li>{@code CANARY}: weighted traffic {@code steps}, each held for its duration or until promoted
 *       (or {@code autoPromoteAfterMs}), then 100% and the same barrier as blue/green.</li>
 *   <li>{@code ROLLING}: {@code maxSurge} extra and {@code maxUnavailable} missing instances at a
 *       time, each new batch Ready for {@code minReadyMs} before the next.</li>
 * </ul>
 *
 * <p>Every managed strategy has a {@code progressDeadlineMs} (a step not Ready in time aborts), an
 * {@link Analysis} of the edges' per-revision telemetry, and {@code onNoData}. Unset optional fields
 * are null and left out of the JSON, so plans written before these fields existed encode to the
 * same bytes; the resolved accessors ({@link #progressDeadline()}...) apply the defaults.
 * Contradictory settings are refused here, with a message naming them.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record UpdateStrategy(Kind kind, int batch, long warmupMs, Long autoPromoteAfterMs, Long scaleDownDelayMs,
                             @JsonInclude(JsonInclude.Include.NON_EMPTY) List<CanaryStep> steps,
                             Integer maxSurge, Integer maxUnavailable, Long minReadyMs,
                             Long progressDeadlineMs, Analysis analysis, NoDataAction onNoData) {
    public enum Kind {
        SURGE, BLUE_GREEN, ROLLING, CANARY;

        /** The name operators type: {@code blue-green}. */
        public String flag() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    /** What a rollout does when analysis has too few requests to judge. */
    public enum NoDataAction { HOLD, PROMOTE, ABORT }

    public static final UpdateStrategy DEFAULT = new UpdateStrategy(Kind.SURGE, 1, 0);
    public static final long DEFAULT_PROGRESS_DEADLINE_MS = 600_000;
    public static final long DEFAULT_SCALE_DOWN_DELAY_MS = 30_000;

    /**
     * One canary step: {@code weight} percent of requests to the new revision, held for
     * {@code holdMs} once its instances are Ready (null: until promoted, or the strategy's
     * {@code autoPromoteAfterMs}).
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record CanaryStep(int weight, Long holdMs) {
        public CanaryStep {
            if (weight < 1 || weight > 100) {
                throw new IllegalArgumentException("canary step weight " + weight + " is not 1-100 (percent)");
            }
            if (holdMs != null) {
                Checks.nonNegative("canary step hold_ms", holdMs);
            }
        }
    }

    /**
     * The gate on the edges' per-revision telemetry: over the windows that ended in the last
     * {@code windowMs}, at least {@code minRequests} requests to the new revision, an error rate
     * at most {@code maxErrorRate} (0-1) and a p99 at most {@code p99BudgetMs} (0: no latency gate;
     * plan apply copies the manifest's {@code slo.p99_budget_ms}). Fewer requests is "no data".
     */
    public record Analysis(boolean enabled, double maxErrorRate, long p99BudgetMs, long windowMs, long minRequests) {
        public static final Analysis DEFAULT = new Analysis(true, 0.05, 0, 30_000, 20);
        public static final Analysis OFF = new Analysis(false, 0.05, 0, 30_000, 20);

        public Analysis {
            if (!(maxErrorRate >= 0 && maxErrorRate <= 1)) {
                throw new IllegalArgumentException("analysis max_error_rate " + maxErrorRate + " is not 0-1 (a fraction, 0.05 is 5%)");
            }
            Checks.nonNegative("analysis p99_budget_ms", p99BudgetMs);
            if (windowMs < 1) {
                throw new IllegalArgumentException("analysis window_ms must be at least 1, got " + windowMs);
            }
            if (minRequests < 1) {
                throw new IllegalArgumentException("analysis min_requests must be at least 1, got " + minRequests);
            }
        }

        public Analysis withP99BudgetMs(long budget) {
            return new Analysis(enabled, maxErrorRate, budget, windowMs, minRequests);
        }
    }

    /** The strategy as plans had it before rollouts: kind, batch and warm-up only. */
    public UpdateStrategy(Kind kind, int batch, long warmupMs) {
        this(kind, batch, warmupMs, null, null, List.of(), null, null, null, null, null, null);
    }

    public UpdateStrategy {
        Objects.requireNonNull(kind, "kind");
        if (batch < 1) {
            throw new IllegalArgumentException("update batch must be at least 1, got " + batch);
        }
        Checks.nonNegative("warmup_ms", warmupMs);
        steps = steps == null ? List.of() : List.copyOf(steps);
        refuseContradictions(kind, autoPromoteAfterMs, scaleDownDelayMs, steps, maxSurge, maxUnavailable, minReadyMs, progressDeadlineMs);
    }

    public static UpdateStrategy blueGreen(Long autoPromoteAfterMs) {
        return new UpdateStrategy(Kind.BLUE_GREEN, 1, 0, autoPromoteAfterMs, null, List.of(), null, null, null, null, null, null);
    }

    public static UpdateStrategy canary(List<CanaryStep> steps) {
        return new UpdateStrategy(Kind.CANARY, 1, 0, null, null, steps, null, null, null, null, null, null);
    }

    public static UpdateStrategy rolling(int maxSurge, int maxUnavailable, long minReadyMs) {
        return new UpdateStrategy(Kind.ROLLING, 1, 0, null, null, List.of(), maxSurge, maxUnavailable, minReadyMs, null, null, null);
    }

    private static void refuseContradictions(Kind kind, Long autoPromote, Long scaleDownDelay, List<CanaryStep> steps,
                                             Integer maxSurge, Integer maxUnavailable, Long minReady, Long deadline) {
        String k = kind.flag();
        List<String> unused = new ArrayList<>();
        if (autoPromote != null && kind != Kind.BLUE_GREEN && kind != Kind.CANARY) {
            unused.add("auto_promote_after_ms");
        }
        if (scaleDownDelay != null && kind != Kind.BLUE_GREEN && kind != Kind.CANARY) {
            unused.add("scale_down_delay_ms");
        }
        if (!steps.isEmpty() && kind != Kind.CANARY) {
            unused.add("steps");
        }
        if (kind != Kind.ROLLING) {
            if (maxSurge != null) {
                unused.add("max_surge");
            }
            if (maxUnavailable != null) {
                unused.add("max_unavailable");
            }
            if (minReady != null) {
                unused.add("min_ready_ms");
            }
        }
        if (!unused.isEmpty()) {
            throw new IllegalArgumentException("strategy " + k + " does not use " + String.join(", ", unused) + "; remove "
                    + (unused.size() == 1 ? "it" : "them") + " or choose a strategy that does");
        }
        nonNegative(k, "auto_promote_after_ms", autoPromote);
        nonNegative(k, "scale_down_delay_ms", scaleDownDelay);
        nonNegative(k, "min_ready_ms", minReady);
        if (deadline != null && deadline < 1) {
            throw new IllegalArgumentException("strategy " + k + ": progress_deadline_ms must be at least 1, got " + deadline);
        }
        if (kind == Kind.ROLLING) {
            int surge = maxSurge == null ? 1 : maxSurge;
            int unavailable = maxUnavailable == null ? 0 : maxUnavailable;
            if (surge < 0 || unavailable < 0) {
                throw new IllegalArgumentException("strategy rolling: max_surge " + surge + " and max_unavailable " + unavailable + " must not be negative");
            }
            if (surge == 0 && unavailable == 0) {
                throw new IllegalArgumentException("strategy rolling: max_surge=0 and max_unavailable=0 can never replace an instance; "
                        + "allow at least one extra (max_surge) or one missing (max_unavailable) instance");
            }
        }
        if (kind == Kind.CANARY) {
            for (int i = 1; i < steps.size(); i++) {
                if (steps.get(i).weight() <= steps.get(i - 1).weight()) {
                    throw new IllegalArgumentException("strategy canary: step weights must increase, but step " + (i + 1) + " ("
                            + steps.get(i).weight() + "%) follows " + steps.get(i - 1).weight() + "%");
                }
            }
            if (autoPromote != null && steps.isEmpty()) {
                throw new IllegalArgumentException("strategy canary: auto_promote_after_ms needs steps to promote; "
                        + "add steps (e.g. 10%, 50%) or remove auto_promote_after_ms");
            }
        }
    }

    private static void nonNegative(String kind, String what, Long value) {
        if (value != null && value < 0) {
            throw new IllegalArgumentException("strategy " + kind + ": " + what + " must not be negative, got " + value);
        }
    }

    /** Whether the rollout core steers this strategy (all but surge, which the agents' update step does alone). */
    @JsonIgnore
    public boolean managed() {
        return kind != Kind.SURGE;
    }

    /** How long a step may take to become Ready before the rollout aborts. */
    public long progressDeadline() {
        return progressDeadlineMs == null ? DEFAULT_PROGRESS_DEADLINE_MS : progressDeadlineMs;
    }

    /** How long the old revision stays after the switch barrier (blue/green and canary; 0 for the others). */
    public long scaleDownDelay() {
        if (kind != Kind.BLUE_GREEN && kind != Kind.CANARY) {
            return 0;
        }
        return scaleDownDelayMs == null ? DEFAULT_SCALE_DOWN_DELAY_MS : scaleDownDelayMs;
    }

    /** Rolling: extra instances at a time (default: {@code batch}). */
    public int surge() {
        return maxSurge == null ? batch : maxSurge;
    }

    /** Rolling: missing instances allowed at a time (default 0). */
    public int unavailable() {
        return maxUnavailable == null ? 0 : maxUnavailable;
    }

    /** Rolling: how long a new batch stays Ready before the next (default: {@code warmupMs}). */
    public long minReady() {
        return minReadyMs == null ? warmupMs : minReadyMs;
    }

    public Analysis analysisOrDefault() {
        return analysis == null ? Analysis.DEFAULT : analysis;
    }

    public NoDataAction noDataAction() {
        return onNoData == null ? NoDataAction.HOLD : onNoData;
    }

    public UpdateStrategy withAnalysis(Analysis a) {
        return new UpdateStrategy(kind, batch, warmupMs, autoPromoteAfterMs, scaleDownDelayMs, steps, maxSurge, maxUnavailable,
                minReadyMs, progressDeadlineMs, a, onNoData);
    }

    public UpdateStrategy withOnNoData(NoDataAction action) {
        return new UpdateStrategy(kind, batch, warmupMs, autoPromoteAfterMs, scaleDownDelayMs, steps, maxSurge, maxUnavailable,
                minReadyMs, progressDeadlineMs, analysis, action);
    }

    public UpdateStrategy withProgressDeadlineMs(Long ms) {
        return new UpdateStrategy(kind, batch, warmupMs, autoPromoteAfterMs, scaleDownDelayMs, steps, maxSurge, maxUnavailable,
                minReadyMs, ms, analysis, onNoData);
    }

    public UpdateStrategy withScaleDownDelayMs(Long ms) {
        return new UpdateStrategy(kind, batch, warmupMs, autoPromoteAfterMs, ms, steps, maxSurge, maxUnavailable,
                minReadyMs, progressDeadlineMs, analysis, onNoData);
    }

    public UpdateStrategy withAutoPromoteAfterMs(Long ms) {
        return new UpdateStrategy(kind, batch, warmupMs, ms, scaleDownDelayMs, steps, maxSurge, maxUnavailable,
                minReadyMs, progressDeadlineMs, analysis, onNoData);
    }
}
