package io.mycelium.cli.rollout;

import io.mycelium.cli.Renderer;
import io.mycelium.fabric.model.RevisionEntry;
import io.mycelium.fabric.rollout.RolloutDecision;
import io.mycelium.fabric.rollout.RolloutState;
import io.mycelium.spore.digest.Digest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The document {@code mesh rollout status} prints ({@code -o json}), built from the rollout
 * decision the CLI computes on the agent's view, the same one every node computes.
 */
record RolloutStatus(String app, long rollout, String phase, int step, int steps, String stepName, String reason,
                     String stable, String desired, String serving, String strategy, Map<String, Integer> weights, String preview,
                     Map<String, Integer> instances, Map<String, Integer> ready, String analysis, Map<String, String> waitingFor,
                     List<RevisionEntry> history) {

    static RolloutStatus of(RolloutDecision d) {
        RolloutState s = d.state();
        Map<String, Integer> weights = new LinkedHashMap<>();
        d.split().weights().forEach((k, v) -> weights.put(k.toString(), v));
        Map<String, String> waiting = d.barrier().map(b -> b.waiting()).orElse(Map.of());
        return new RolloutStatus(s.app(), s.rollout(), s.phase().wireName(), s.step(), s.steps(), s.stepName(), s.reason(),
                text(s.stable()), text(s.desired()), text(s.serving()), s.strategy().kind().flag(), weights,
                text(d.split().preview()), byDigest(d.instances()), byDigest(d.ready()), d.analysis().text(), waiting, s.history());
    }

    /**
     * This status with the figures of its reason blanked out: what the watch compares, so that a
     * countdown ({@code aborts in 9m58s unless Ready}) is not a change to print every second.
     */
    RolloutStatus withoutCountdowns() {
        return new RolloutStatus(app, rollout, phase, step, steps, stepName, reason.replaceAll("[0-9][0-9hms]*", "#"), stable, desired, serving,
                strategy, weights, preview, instances, ready, analysis, waitingFor, history);
    }

    private static String text(Digest d) {
        return d == null ? null : d.toString();
    }

    private static Map<String, Integer> byDigest(Map<Digest, Integer> in) {
        Map<String, Integer> out = new LinkedHashMap<>();
        in.forEach((k, v) -> out.put(k.toString(), v));
        return out;
    }

    /** The human form: a few lines an operator reads at a glance. */
    void print(Renderer r) {
        r.line(app + ": " + phase + " (" + strategy + ", step " + (step + 1) + " of " + steps + ": " + stepName + ")");
        r.line("  " + reason);
        r.line("  traffic   " + split());
        r.line("  instances " + counts(instances) + "; ready " + counts(ready));
        r.line("  analysis  " + analysis);
        waitingFor.forEach((router, why) -> r.line("  waiting for " + router + ": " + why));
    }

    String split() {
        StringBuilder b = new StringBuilder();
        weights.forEach((d, w) -> b.append(b.isEmpty() ? "" : ", ").append(shortForm(d)).append(' ').append(w));
        if (b.isEmpty()) {
            b.append("nothing routable");
        }
        return preview == null ? b.toString() : b + " (preview " + shortForm(preview) + ")";
    }

    private static String counts(Map<String, Integer> m) {
        if (m.isEmpty()) {
            return "none";
        }
        StringBuilder b = new StringBuilder();
        m.forEach((d, n) -> b.append(b.isEmpty() ? "" : ", ").append(n).append(" x ").append(shortForm(d)));
        return b.toString();
    }

    static String shortForm(String digest) {
        return Digest.parse(digest).shortForm();
    }

    static String outcome(RevisionEntry e) {
        return e.outcome().name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
