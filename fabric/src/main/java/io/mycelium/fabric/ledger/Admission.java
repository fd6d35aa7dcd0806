package io.mycelium.fabric.ledger;

import io.mycelium.fabric.ClusterView;
import io.mycelium.fabric.model.Budget;
import io.mycelium.fabric.model.Plan;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * How many instances each app may run: a pure function of what the apps ask, their budgets and
 * balances, and the cluster's total capacity. Three rules, in this order:
 * <ol>
 *   <li>an app with a budget runs between its {@code min} and {@code max};</li>
 *   <li>an app whose balance is empty (at or below 0) drops to its {@code min};</li>
 *   <li>when the apps ask for more than the cluster's capacity, apps yield in priority order, lowest
 *   first: every app gets what fits after all apps of higher priority (the apps of the highest
 *   priority present are never trimmed here: among equals, placement decides and explains).</li>
 * </ol>
 * Apps without a budget have priority 0 and no min, max or balance. The capacity rule counts
 * capacity in total (cpu and memory summed over the agents); packing onto nodes is placement's.
 */
public final class Admission {
    private Admission() {
    }

    /**
     * What one app asks.
     *
     * @param app      the app
     * @param wanted   instances it asks for (the plan's count, or the autoscaler's desired count)
     * @param cpuMilli each instance's CPU
     * @param memoryMb each instance's memory
     * @param budget   its budget, or null
     * @param balance  its balance now (ignored without a budget)
     */
    public record Ask(String app, int wanted, long cpuMilli, long memoryMb, Budget budget, double balance) {
        public Ask {
            Objects.requireNonNull(app, "app");
            if (wanted < 0) {
                throw new IllegalArgumentException("app " + app + ": wanted " + wanted + " is negative");
            }
        }

        int priority() {
            return budget == null ? 0 : budget.priority();
        }
    }

    /**
     * What an app may run.
     *
     * @param app      the app
     * @param wanted   what it asked for
     * @param admitted what it may run (at most wanted, unless its budget's min is higher)
     * @param reason   why admitted differs from wanted, in words an operator can act on ("" if it does not)
     */
    public record Admitted(String app, int wanted, int admitted, String reason) {
        public Admitted {
            Objects.requireNonNull(app, "app");
            Objects.requireNonNull(reason, "reason");
        }

        public boolean trimmed() {
            return admitted < wanted;
        }
    }

    /** Admission of every planned app of the view at {@code nowMs}, asking {@code wanted} (by app; a missing app asks its plan's count). */
    public static Map<String, Admitted> of(ClusterView view, Map<String, Integer> wanted, long cpuTotal, long memoryTotal, long nowMs) {
        Map<String, Account> accounts = Accounts.of(view, nowMs);
        List<Ask> asks = new ArrayList<>();
        for (Plan p : view.plans().values()) {
            Account a = accounts.get(p.app());
            asks.add(new Ask(p.app(), wanted.getOrDefault(p.app(), p.instances()), p.cpuMilli(), p.memoryMb(),
                    a == null ? null : a.budget(), a == null ? 0 : a.balance()));
        }
        return decide(asks, cpuTotal, memoryTotal);
    }

    public static Map<String, Admitted> decide(List<Ask> asks, long cpuTotal, long memoryTotal) {
        Map<String, Integer> counts = new TreeMap<>();
        Map<String, String> reasons = new TreeMap<>();
        for (Ask a : asks) {
            budgetRules(a, counts, reasons);
        }
        List<Ask> byPriority = asks.stream()
                .sorted(Comparator.comparingInt(Ask::priority).reversed().thenComparing(Ask::app)).toList();
        long cpuLeft = cpuTotal;
        long memLeft = memoryTotal;
        int top = byPriority.isEmpty() ? 0 : byPriority.get(0).priority();
        for (Ask a : byPriority) {
            int n = counts.get(a.app());
            if (a.priority() < top) {
                int fit = fit(a, cpuLeft, memLeft);
                if (fit < n) {
                    reasons.put(a.app(), String.format(Locale.ROOT,
                            "capacity short: %d of %d fit (priority %d yields to higher priorities; %d cpu_milli and %d memory_mb left of %d and %d)",
                            fit, n, a.priority(), Math.max(0, cpuLeft), Math.max(0, memLeft), cpuTotal, memoryTotal));
                    n = fit;
                    counts.put(a.app(), n);
                }
            }
            cpuLeft -= n * a.cpuMilli();
            memLeft -= n * a.memoryMb();
        }
        Map<String, Admitted> out = new TreeMap<>();
        for (Ask a : asks) {
            out.put(a.app(), new Admitted(a.app(), a.wanted(), counts.get(a.app()), reasons.getOrDefault(a.app(), "")));
        }
        return out;
    }

    private static void budgetRules(Ask a, Map<String, Integer> counts, Map<String, String> reasons) {
        int n = a.wanted();
        Budget b = a.budget();
        if (b != null) {
            if (n > b.max()) {
                reasons.put(a.app(), "the budget's max is " + b.max());
                n = b.max();
            } else if (n < b.min()) {
                n = b.min();
            }
            if (a.balance() <= 0 && n > b.min()) {
                reasons.put(a.app(), String.format(Locale.ROOT,
                        "out of credits (balance %.2f): scaled to the budget's min %d of %d; top up with mesh budget topup %s CREDITS",
                        a.balance(), b.min(), n, a.app()));
                n = b.min();
            }
        }
        counts.put(a.app(), n);
    }

    private static int fit(Ask a, long cpuLeft, long memLeft) {
        long fit = Integer.MAX_VALUE;
        if (a.cpuMilli() > 0) {
            fit = Math.min(fit, Math.max(0, cpuLeft) / a.cpuMilli());
        }
        if (a.memoryMb() > 0) {
            fit = Math.min(fit, Math.max(0, memLeft) / a.memoryMb());
        }
        return (int) fit;
    }
}
