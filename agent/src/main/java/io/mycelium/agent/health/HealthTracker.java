package io.mycelium.agent.health;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Turns a stream of probe results into a verdict: STARTING until the first success threshold is
 * met, HEALTHY after {@code successThreshold} consecutive successes, UNHEALTHY after
 * {@code failureThreshold} consecutive failures that count. Failures inside the start period
 * do not count. Pure, not thread-safe: one supervisor thread feeds it.
 */
public final class HealthTracker {
    /** The verdict. */
    public enum Verdict { STARTING, HEALTHY, UNHEALTHY }

    private final HealthPolicy policy;
    private final Instant launchedAt;
    private Verdict verdict = Verdict.STARTING;
    private int successes;
    private int failures;
    private ProbeResult last = ProbeResult.failed("not probed yet");

    public HealthTracker(HealthPolicy policy, Instant launchedAt) {
        this.policy = Objects.requireNonNull(policy, "policy");
        this.launchedAt = Objects.requireNonNull(launchedAt, "launchedAt");
    }

    /** Records one result observed at {@code now} and returns the new verdict. */
    public Verdict record(ProbeResult result, Instant now) {
        last = Objects.requireNonNull(result, "result");
        if (result.healthy()) {
            failures = 0;
            successes++;
            if (successes >= policy.successThreshold()) {
                verdict = Verdict.HEALTHY;
            }
            return verdict;
        }
        successes = 0;
        if (inStartPeriod(now)) {
            return verdict;
        }
        failures++;
        if (failures >= policy.failureThreshold()) {
            verdict = Verdict.UNHEALTHY;
        }
        return verdict;
    }

    public boolean inStartPeriod(Instant now) {
        return Duration.between(launchedAt, now).compareTo(policy.startPeriod()) < 0;
    }

    public Verdict verdict() {
        return verdict;
    }

    public int consecutiveFailures() {
        return failures;
    }

    public ProbeResult last() {
        return last;
    }
}
