package io.mycelium.fabric.autoscale;

import io.mycelium.fabric.ClusterMember;
import io.mycelium.fabric.ClusterView;
import io.mycelium.fabric.ledger.Account;
import io.mycelium.fabric.ledger.Accounts;
import io.mycelium.fabric.model.Budget;
import io.mycelium.fabric.model.Plan;
import io.mycelium.fabric.model.RecordKind;
import io.mycelium.fabric.model.Role;
import io.mycelium.fabric.model.ScaleDecision;
import io.mycelium.fabric.model.ScaleDecision.Recommendation;
import io.mycelium.fabric.model.Telemetry;
import io.mycelium.fabric.state.FabricRecord;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The desired count of an app from its latency SLO. An app is autoscaled when its plan carries a
 * p99 budget (the manifest's {@code slo.p99_budget_ms}) and it has a budget with {@code min < max}.
 *
 * <p>Signals: only live edges count (a dead edge's last telemetry is stale); when edges disagree
 * the highest p99 wins (the slowest path is the one users feel) and requests/s add up. The formula
 * is the HPA's: {@code ceil(current * p99 / target)}, nothing while the ratio is within the
 * tolerance band, clamped to min..max. Scale out happens at once unless the cooldown runs or the
 * app cannot pay; scale in only to the highest recommendation of the stabilisation window, so a
 * flapping p99 does not flap the count. The previous decision (the newest any live node published)
 * carries the window and the cooldown, so the function stays pure.
 */
public final class Autoscaler {
    /**
     * How many agents publish an app's decisions. Every agent deriving the same decision from the
     * same view, a few publishers are enough for it to survive one of them dying; all of them
     * publishing (the first version) made every node gossip and parse one record per agent and app
     * every meter tick: 1,000 records of up to 150 recommendations per app every 2 s at 1,000 agents
     * (docs/BENCHMARKS.md, "Ledger and autoscaler at 1,000 nodes").
     */
    public static final int PUBLISHERS = 3;

    private Autoscaler() {
    }

    /**
     * Whether {@code node} is one of the {@link #PUBLISHERS} live agents that publish {@code app}'s
     * decisions: those with the lowest rendezvous hash of (app, node), so every member with the same
     * live agents picks the same ones, and a dead one is replaced by the next at once. Pure.
     */
    public static boolean publishes(ClusterView view, String app, String node) {
        List<ClusterMember> agents = view.liveMembers(Role.AGENT);
        if (agents.size() <= PUBLISHERS) {
            return agents.stream().anyMatch(m -> m.id().equals(node));
        }
        long mine = rendezvous(app, node);
        int lower = 0;
        boolean live = false;
        for (ClusterMember m : agents) {
            if (m.id().equals(node)) {
                live = true;
            } else if (Long.compareUnsigned(rendezvous(app, m.id()), mine) < 0 && ++lower >= PUBLISHERS) {
                return false;
            }
        }
        return live;
    }

    /** A 64-bit mix of the app and node names (FNV-1a, then a finaliser): stable across JVMs and versions. */
    static long rendezvous(String app, String node) {
        long h = 0xcbf29ce484222325L;
        String key = app + "\u0000" + node;
        for (int i = 0; i < key.length(); i++) {
            h = (h ^ key.charAt(i)) * 0x100000001b3L;
        }
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        return h;
    }

    /** The newest published decision for {@code app} among live members, if any. */
    public static Optional<ScaleDecision> latest(ClusterView view, String app) {
        ScaleDecision best = null;
        for (FabricRecord r : view.records(RecordKind.SCALE)) {
            if (r.key().name().equals(app) && !r.tombstone() && view.isLive(r.key().owner())) {
                ScaleDecision d = view.value(r, ScaleDecision.class).orElseThrow();
                if (best == null || d.decidedMs() > best.decidedMs()) {
                    best = d;
                }
            }
        }
        return Optional.ofNullable(best);
    }

    /** The decision for {@code app} at {@code nowMs}; empty when the app is not autoscaled. */
    public static Optional<ScaleDecision> decide(ClusterView view, String app, long nowMs, ScalePolicy defaults) {
        Optional<Plan> plan = view.plan(app);
        Optional<Account> account = Accounts.of(view, app, nowMs);
        if (plan.isEmpty() || account.isEmpty()) {
            return Optional.empty();
        }
        var analysis = plan.get().strategy().analysis();
        double target = analysis == null ? 0 : analysis.p99BudgetMs();
        Budget b = account.get().budget();
        if (target <= 0 || b.min() >= b.max()) {
            return Optional.empty();
        }
        ScalePolicy policy = defaults.forBudget(b);
        Optional<ScaleDecision> prev = latest(view, app);
        int current = clamp(prev.map(ScaleDecision::desired).orElse(plan.get().instances()), b);
        long lastScale = prev.map(ScaleDecision::lastScaleMs).orElse(0L);
        List<Recommendation> recent = new ArrayList<>(prev.map(ScaleDecision::recent).orElse(List.of()));
        recent.removeIf(r -> r.atMs() < nowMs - policy.windowMs());

        double p99 = 0;
        double rps = 0;
        boolean any = false;
        for (ClusterMember edge : view.liveMembers(Role.EDGE)) {
            Optional<Telemetry> t = view.telemetry(edge.id());
            Double p = t.map(x -> x.metrics().get("p99_ms." + app)).orElse(null);
            if (p != null) {
                any = true;
                p99 = Math.max(p99, p);
                rps += t.get().metrics().getOrDefault("rps." + app, 0.0);
            }
        }
        if (!any || rps < policy.minRps()) {
            String why = !any ? "no data: no live edge reports " + app : String.format(Locale.ROOT,
                    "no data: %.2f requests/s is under the %.2f needed to trust a p99", rps, policy.minRps());
            return Optional.of(new ScaleDecision(app, current, p99, target, rps, why + "; keeping " + current, nowMs, lastScale, recent));
        }
        double ratio = p99 / target;
        int unclamped = Math.abs(ratio - 1) <= policy.tolerance() ? current : (int) Math.min(10_000, Math.ceil(current * ratio));
        int raw = clamp(unclamped, b);
        recent.add(new Recommendation(nowMs, raw));
        String seen = String.format(Locale.ROOT, "p99 %.0f ms vs target %.0f ms (±%.0f%%) at %.1f req/s", p99, target,
                policy.tolerance() * 100, rps);
        boolean cooling = lastScale > 0 && nowMs - lastScale < policy.cooldownMs();
        int desired = current;
        String reason;
        if (raw > current) {
            if (!account.get().canPay()) {
                reason = "wants " + raw + " but the budget is out of credits; " + seen;
            } else if (cooling) {
                reason = "wants " + raw + " but cooling down until " + (policy.cooldownMs() - (nowMs - lastScale)) + " ms from now; " + seen;
            } else {
                desired = raw;
                reason = "scaled out " + current + " -> " + raw + ": " + seen;
            }
        } else if (raw < current) {
            int stable = recent.stream().mapToInt(Recommendation::count).max().orElse(raw);
            if (stable >= current) {
                reason = "wants " + raw + " but the last " + policy.windowMs() / 1000 + " s recommended up to " + stable + "; " + seen;
            } else if (cooling) {
                reason = "wants " + stable + " but cooling down; " + seen;
            } else {
                desired = stable;
                reason = "scaled in " + current + " -> " + stable + ": " + seen;
            }
        } else if (unclamped > raw) {
            reason = "at the budget's max " + b.max() + ": " + seen;
        } else if (unclamped < raw) {
            reason = "at the budget's min " + b.min() + ": " + seen;
        } else {
            reason = "steady at " + current + ": " + seen;
        }
        recent.sort(Comparator.comparingLong(Recommendation::atMs));
        return Optional.of(new ScaleDecision(app, desired, p99, target, rps, reason, nowMs, desired != current ? nowMs : lastScale, recent));
    }

    private static int clamp(int n, Budget b) {
        return Math.max(b.min(), Math.min(b.max(), n));
    }
}
