package io.mycelium.fabric.rollout;

import io.mycelium.fabric.ClusterMember;
import io.mycelium.fabric.ClusterView;
import io.mycelium.fabric.model.RevisionTraffic;
import io.mycelium.fabric.model.Telemetry;
import io.mycelium.fabric.model.UpdateStrategy.Analysis;
import io.mycelium.spore.digest.Digest;
import java.util.Locale;
import java.util.Objects;

/**
 * What analysis says of a revision: the figures summed over the live routers' traffic windows
 * that ended in the last {@code window_ms} (and after the rollout started), and the outcome.
 *
 * @param outcome  OFF (analysis disabled), NO_DATA, PASS or FAIL
 * @param requests requests to the revision in those windows
 * @param errors   errors among them
 * @param p99Ms    the highest p99 a router reported for it (0 without requests)
 * @param text     the outcome in words, with the figures and thresholds
 */
public record Verdict(Outcome outcome, long requests, long errors, double p99Ms, String text) {
    public enum Outcome { OFF, NO_DATA, PASS, FAIL }

    public Verdict {
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(text, "text");
    }

    static final Verdict OFF = new Verdict(Outcome.OFF, 0, 0, 0, "analysis is off");

    /** Passes a gate: analysis is off or the figures are within the thresholds. */
    boolean passes() {
        return outcome == Outcome.OFF || outcome == Outcome.PASS;
    }

    static Verdict of(ClusterView view, String app, Digest revision, Analysis a, long sinceMs, long nowMs) {
        if (!a.enabled()) {
            return OFF;
        }
        long from = Math.max(sinceMs, nowMs - a.windowMs());
        long requests = 0;
        long errors = 0;
        double p99 = 0;
        for (ClusterMember m : view.liveMembers()) {
            for (RevisionTraffic t : view.telemetry(m.id()).map(Telemetry::revisions).orElse(java.util.List.of())) {
                if (t.app().equals(app) && t.digest().equals(revision) && t.windowEndMs() > from) {
                    requests += t.requests();
                    errors += t.errors();
                    if (t.requests() > 0) {
                        p99 = Math.max(p99, t.p99Ms());
                    }
                }
            }
        }
        String window = "in the last " + Durations.text(a.windowMs());
        if (requests < a.minRequests()) {
            return new Verdict(Outcome.NO_DATA, requests, errors, p99, "no data: " + requests + " requests to " + revision.shortForm()
                    + " " + window + ", fewer than min_requests " + a.minRequests());
        }
        double rate = (double) errors / requests;
        String figures = errors + " errors in " + requests + " requests " + window;
        if (rate > a.maxErrorRate()) {
            return new Verdict(Outcome.FAIL, requests, errors, p99, "error rate " + percent(rate) + " is over the threshold "
                    + percent(a.maxErrorRate()) + " (" + figures + ")");
        }
        if (a.p99BudgetMs() > 0 && p99 > a.p99BudgetMs()) {
            return new Verdict(Outcome.FAIL, requests, errors, p99, String.format(Locale.ROOT, "p99 %.1f ms is over the budget %d ms (%s)",
                    p99, a.p99BudgetMs(), figures));
        }
        return new Verdict(Outcome.PASS, requests, errors, p99, String.format(Locale.ROOT, "healthy: error rate %s, p99 %.1f ms (%s)",
                percent(rate), p99, figures));
    }

    private static String percent(double fraction) {
        return String.format(Locale.ROOT, "%.1f%%", fraction * 100);
    }
}
