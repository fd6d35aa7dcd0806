package io.mycelium.console.model;

/**
 * An app's rollout as the pure rollout decision sees it now.
 *
 * @param weights  traffic share per revision, e.g. {@code 3f2a…=90% 9c1b…=10%}
 * @param ready    ready instances per revision, e.g. {@code 3f2a…=3 9c1b…=1}
 */
public record RolloutRow(String cluster, String app, String strategy, String phase, int step, int steps, String stepName,
                         String stable, String desired, String weights, String ready, String analysis, String reason,
                         long ageMs) {
    /** Whether a managed rollout is under way (not settled). */
    public boolean active() {
        return !(phase.equals("completed") || phase.equals("aborted") || phase.equals("waiting-for-start"));
    }
}
