package io.mycelium.fabric.ledger;

import io.mycelium.fabric.ClusterView;
import io.mycelium.fabric.model.Budget;
import io.mycelium.fabric.model.Plan;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.PriorityQueue;
import java.util.TreeMap;

/**
 * How many instances each app may run: a pure function of what the apps ask, their budgets and
 * balances, and the cluster's total capacity. Three rules, in this order:
 * <ol>
 *   <li>an app with a budget runs between its {@code min} and {@code max};</li>
 *   <li>an app whose balance is empty (at or below 0) drops to its {@code min};</li>
 *   <li>when the apps ask for more than the nodes can hold, apps yield in priority order, lowest
 *   first: every app gets what fits after all apps of higher priority (the apps of the highest
 *   priority present are never trimmed here: among equals, placement decides and explains).</li>
 * </ol>
 * Apps without a budget have priority 0 and no min, max or balance. The capacity rule packs per
 * node: an instance fits only on one node with room for its cpu and its memory (two half-empty
 * nodes do not make room for one instance of a full node's size). Apps are packed in priority order,
 * each instance on the node with the most room left; labels and spreading stay placement's.
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

    /** One node's room for instances: its capacity. */
    public record Room(String node, long cpuMilli, long memoryMb) {
        public Room {
            Objects.requireNonNull(node, "node");
        }
    }

    /** Admission of every planned app of the view at {@code nowMs} on {@code nodes}, asking {@code wanted} (by app; a missing app asks its plan's count). */
    public static Map<String, Admitted> of(ClusterView view, Map<String, Integer> wanted, List<Room> nodes, long nowMs) {
        Map<String, Account> accounts = Accounts.of(view, nowMs);
        List<Ask> asks = new ArrayList<>();
        for (Plan p : view.plans().values()) {
            Account a = accounts.get(p.app());
            asks.add(new Ask(p.app(), wanted.getOrDefault(p.app(), p.instances()), p.cpuMilli(), p.memoryMb(),
                    a == null ? null : a.budget(), a == null ? 0 : a.balance()));
        }
        return decide(asks, nodes);
    }

    /** The same on one node of {@code cpuTotal} and {@code memoryTotal}. */
    public static Map<String, Admitted> decide(List<Ask> asks, long cpuTotal, long memoryTotal) {
        return decide(asks, List.of(new Room("all", cpuTotal, memoryTotal)));
    }

    public static Map<String, Admitted> decide(List<Ask> asks, List<Room> nodes) {
        Map<String, Integer> counts = new TreeMap<>();
        Map<String, String> reasons = new TreeMap<>();
        for (Ask a : asks) {
            budgetRules(a, counts, reasons);
        }
        List<Ask> byPriority = asks.stream()
                .sorted(Comparator.comparingInt(Ask::priority).reversed().thenComparing(Ask::app)).toList();
        long[] cpuLeft = nodes.stream().mapToLong(Room::cpuMilli).toArray();
        long[] memLeft = nodes.stream().mapToLong(Room::memoryMb).toArray();
        long cpuTotal = nodes.stream().mapToLong(Room::cpuMilli).sum();
        long memoryTotal = nodes.stream().mapToLong(Room::memoryMb).sum();
        int top = byPriority.isEmpty() ? 0 : byPriority.get(0).priority();
        for (Ask a : byPriority) {
            int n = counts.get(a.app());
            long cpuBefore = Arrays.stream(cpuLeft).sum();
            long memBefore = Arrays.stream(memLeft).sum();
            int packed = pack(a, n, cpuLeft, memLeft);
            if (a.priority() < top && packed < n) {
                reasons.put(a.app(), String.format(Locale.ROOT,
                        "capacity short: %d of %d fit (priority %d yields to higher priorities; %d cpu_milli and %d memory_mb left of %d and %d, on %d node(s))",
                        packed, n, a.priority(), cpuBefore, memBefore, cpuTotal, memoryTotal, nodes.size()));
                counts.put(a.app(), packed);
            } else if (packed < n) {
                // the top priority keeps instances that do not fit: nothing of lower priority takes room before them
                Arrays.fill(cpuLeft, 0);
                Arrays.fill(memLeft, 0);
            }
        }
        Map<String, Admitted> out = new TreeMap<>();
        for (Ask a : asks) {
            out.put(a.app(), new Admitted(a.app(), a.wanted(), counts.get(a.app()), reasons.getOrDefault(a.app(), "")));
        }
        return out;
    }

    /**
     * Puts up to {@code n} instances of {@code a}, each on the node that could hold the most more of
     * them (so that big nodes fill first and every node ends about as full; of equal nodes the first
     * in the list); how many went. The nodes are kept in a heap by that room, so a pass over 2,000
     * instances on 1,000 nodes looks at each node about once rather than once per instance.
     */
    static int pack(Ask a, int n, long[] cpuLeft, long[] memLeft) {
        if (a.cpuMilli() == 0 && a.memoryMb() == 0) {
            return n;
        }
        if (n <= 0) {
            return 0;
        }
        long[] room = new long[cpuLeft.length];
        PriorityQueue<Integer> most = new PriorityQueue<>(Math.max(1, cpuLeft.length),
                (x, y) -> room[x] != room[y] ? Long.compare(room[y], room[x]) : Integer.compare(x, y));
        for (int i = 0; i < cpuLeft.length; i++) {
            room[i] = slots(a, cpuLeft[i], memLeft[i]);
            if (room[i] > 0) {
                most.add(i);
            }
        }
        int packed = 0;
        while (packed < n && !most.isEmpty()) {
            int best = most.poll();
            cpuLeft[best] -= a.cpuMilli();
            memLeft[best] -= a.memoryMb();
            packed++;
            room[best] = slots(a, cpuLeft[best], memLeft[best]);
            if (room[best] > 0) {
                most.add(best);
            }
        }
        return packed;
    }

    /** How many instances of {@code a} fit in this room. */
    static long slots(Ask a, long cpu, long mem) {
        long fit = Long.MAX_VALUE;
        if (a.cpuMilli() > 0) {
            fit = Math.min(fit, Math.max(0, cpu) / a.cpuMilli());
        }
        if (a.memoryMb() > 0) {
            fit = Math.min(fit, Math.max(0, mem) / a.memoryMb());
        }
        return fit;
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

}
