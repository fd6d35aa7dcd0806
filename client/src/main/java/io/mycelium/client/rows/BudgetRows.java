package io.mycelium.client.rows;

import io.mycelium.fabric.ClusterView;
import io.mycelium.fabric.autoscale.Autoscaler;
import io.mycelium.fabric.ledger.Account;
import io.mycelium.fabric.ledger.Accounts;
import io.mycelium.fabric.ledger.Admission;
import io.mycelium.fabric.ledger.Prices;
import io.mycelium.fabric.model.Plan;
import io.mycelium.fabric.model.Price;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Budget rows: per budgeted app its account (balance, spent, burn, time to empty), its bounds,
 * what the ledger admits and why, and the autoscaler's latest decision; the CLI's
 * {@code mesh budget show} and {@code mesh ledger} and both consoles show these.
 */
public final class BudgetRows {
    private BudgetRows() {
    }

    /**
     * One app's budget as shown.
     *
     * @param hoursToEmpty   at the current burn net of the rate; null: never
     * @param wanted         instances the plan (or the autoscaler) asks for; 0 without a plan
     * @param admitted       instances the ledger admits
     * @param reason         why admitted is below wanted ("" if it is not; "no plan" without one)
     * @param spentByNode    credits spent on each node that ever ran the app
     * @param costPerHourMax what the admitted instances would cost per hour at full use of their nutrients
     * @param autoscale      the autoscaler's latest decision in words ("" for an app it does not scale)
     * @param desired        the autoscaler's desired count, or null
     */
    public record BudgetRow(String app, double balance, double granted, double spent, double burnPerHour, Double hoursToEmpty,
                            double ratePerHour, int min, int max, int priority, int wanted, int admitted, String reason,
                            Map<String, Double> spentByNode, double costPerHourMax, String autoscale, Integer desired) {
        public BudgetRow {
            Objects.requireNonNull(app, "app");
            spentByNode = Map.copyOf(spentByNode);
        }
    }

    /** The row of every budgeted app, in name order, with the ledger's {@code admissions} (by app) of the same view. */
    public static List<BudgetRow> all(ClusterView view, Map<String, Admission.Admitted> admissions) {
        Price price = Prices.of(view);
        List<BudgetRow> rows = new ArrayList<>();
        for (Account a : Accounts.of(view, view.takenAtMillis()).values()) {
            rows.add(row(view, a, admissions.get(a.app()), price));
        }
        return rows;
    }

    /**
     * One agent's side of the ledger.
     *
     * @param cpuMilli     what it offers, millicores
     * @param cpuMilliUsed what its instances hold of that
     * @param memoryMb     what it offers, MiB
     * @param memoryMbUsed what its instances hold of that
     * @param burnPerHour  what its instances cost per hour now, over every app
     * @param instances    instances it runs that the meter charges
     */
    public record NodeRow(String node, long cpuMilli, long cpuMilliUsed, long memoryMb, long memoryMbUsed, double burnPerHour,
                          int instances) {
        public NodeRow {
            Objects.requireNonNull(node, "node");
        }
    }

    /** Every live agent that published its capacity, in name order. */
    public static List<NodeRow> nodes(ClusterView view) {
        Map<String, double[]> burn = new TreeMap<>();
        for (String app : view.budgets().keySet()) {
            view.usage(app).forEach((node, u) -> {
                double[] b = burn.computeIfAbsent(node, n -> new double[2]);
                b[0] += u.burnPerHour();
                b[1] += u.instances();
            });
        }
        List<NodeRow> rows = new ArrayList<>();
        for (var m : view.liveMembers(io.mycelium.fabric.model.Role.AGENT)) {
            view.capacity(m.id()).ifPresent(c -> {
                double[] b = burn.getOrDefault(m.id(), new double[2]);
                rows.add(new NodeRow(m.id(), c.cpuMilliTotal(), c.cpuMilliTotal() - c.cpuMilliFree(), c.memoryMbTotal(),
                        c.memoryMbTotal() - c.memoryMbFree(), b[0], (int) b[1]));
            });
        }
        rows.sort(java.util.Comparator.comparing(NodeRow::node));
        return rows;
    }

    private static BudgetRow row(ClusterView view, Account a, Admission.Admitted d, Price price) {
        Map<String, Double> byNode = new TreeMap<>();
        a.perNode().forEach((node, u) -> byNode.put(node, u.credits()));
        var decision = Autoscaler.latest(view, a.app());
        int admitted = d == null ? 0 : d.admitted();
        double cost = view.plan(a.app()).map(p -> perHour(price, admitted, p)).orElse(0.0);
        return new BudgetRow(a.app(), a.balance(), a.granted(), a.spent(), a.burnPerHour(),
                Double.isInfinite(a.hoursToEmpty()) ? null : a.hoursToEmpty(), a.budget().ratePerHour(), a.budget().min(),
                a.budget().max(), a.budget().priority(), d == null ? 0 : d.wanted(), admitted, d == null ? "no plan" : d.reason(),
                byNode, cost, decision.map(s -> "desired " + s.desired() + ": " + s.reason()).orElse(""),
                decision.map(s -> s.desired()).orElse(null));
    }

    private static double perHour(Price price, int instances, Plan p) {
        return Prices.perHourAtFullUse(price, instances, p.cpuMilli(), p.memoryMb());
    }
}
