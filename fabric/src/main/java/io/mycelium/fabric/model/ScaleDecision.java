package io.mycelium.fabric.model;

import java.util.List;

/**
 * The autoscaler's decision for an app, node-owned (name: the app) so every agent and console
 * shows the same desired count and why; placement reads the newest one (see
 * {@code io.mycelium.fabric.autoscale.Autoscaler}).
 *
 * @param app         the app
 * @param desired     the instances it should run now
 * @param p99Ms       the p99 latency the decision saw (the highest of the live edges'), 0 without data
 * @param targetMs    the SLO's p99 budget
 * @param rps         requests per second (the live edges' sum)
 * @param reason      why this count, and for a scale that did not happen, why not
 * @param decidedMs   when it was decided
 * @param lastScaleMs when the count last changed (the cooldown's start)
 * @param recent      the recommendations of the stabilisation window, oldest first
 */
public record ScaleDecision(String app, int desired, double p99Ms, double targetMs, double rps, String reason, long decidedMs,
                            long lastScaleMs, List<Recommendation> recent) {
    public ScaleDecision {
        Checks.name("app", app);
        Checks.nonNegative("scale " + app + ": desired", desired);
        reason = reason == null ? "" : reason;
        recent = recent == null ? List.of() : List.copyOf(recent);
    }

    /** What the formula asked for at a moment. */
    public record Recommendation(long atMs, int count) {
    }
}
