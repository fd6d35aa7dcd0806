package io.mycelium.client.explain;

import io.mycelium.fabric.ClusterView;
import io.mycelium.fabric.ledger.Account;
import io.mycelium.fabric.ledger.Accounts;
import io.mycelium.fabric.ledger.Admission;
import io.mycelium.fabric.ledger.Prices;
import io.mycelium.fabric.model.Json;
import io.mycelium.fabric.model.Plan;
import io.mycelium.fabric.model.Price;
import io.mycelium.fabric.model.RecordKind;
import io.mycelium.fabric.placement.PlacementResult;
import io.mycelium.fabric.state.FabricRecord;
import io.mycelium.fabric.state.RecordKey;
import io.mycelium.fabric.state.Version;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What a plan would do before it is applied: the same placement function every agent runs
 * ({@link SlotPlacement}, admission inside), on the view with the plan in place of the app's current
 * one, and what it would cost in credits per hour against the app's budget. Pure: the CLI's
 * {@code mesh plan apply --dry-run} (and the cost line of every apply) and the consoles show it.
 */
public final class PlanPreview {
    private PlanPreview() {
    }

    /**
     * A plan's preview.
     *
     * @param asked              the instances the plan asks for (or the autoscaler's desired count, which replaces it)
     * @param admitted           what the ledger would admit
     * @param placed             what the placement function would place on live agents
     * @param costPerHourMax     what the placed instances would cost per hour at full use of their nutrients
     * @param currentCostPerHour the same for the app's current plan (0 without one)
     * @param budget             the app's budget now, or null: it runs without one (priority 0, no bounds)
     * @param hoursToEmpty       the balance over the new cost less the budget's rate; null: never empties
     * @param refusals           why some instances would not run, each once, in words an operator can act on
     * @param notes              what else the operator should know (the autoscaler owns the count, the rate does not cover it)
     */
    public record Preview(String app, int asked, int admitted, int placed, long cpuMilli, long memoryMb, Price price,
                          double costPerHourMax, double currentCostPerHour, BudgetNow budget, Double hoursToEmpty,
                          List<String> refusals, List<String> notes) {
        public Preview {
            Objects.requireNonNull(app, "app");
            refusals = List.copyOf(refusals);
            notes = List.copyOf(notes);
        }

        /** Whether every asked instance would run. */
        public boolean runsAsAsked() {
            return refusals.isEmpty();
        }

        /** The cost in one line, for a console's confirmation: per hour at full use, how long the balance lasts, what would not run. */
        public String summary() {
            StringBuilder s = new StringBuilder("~" + CreditText.format(costPerHourMax) + " credits/h at full use (now "
                    + CreditText.format(currentCostPerHour) + "/h)");
            if (budget != null) {
                s.append(hoursToEmpty == null ? "; the budget's rate covers it"
                        : "; the balance of " + CreditText.format(budget.balance()) + " lasts " + CreditText.hours(hoursToEmpty) + " at that cost");
            } else {
                s.append("; no budget limits it");
            }
            if (!refusals.isEmpty()) {
                s.append("; ").append(placed).append(" of ").append(asked).append(" would run: ").append(String.join("; ", refusals));
            }
            notes.stream().filter(n -> n.startsWith("the autoscaler")).forEach(n -> s.append("; ").append(n));
            return s.toString();
        }
    }

    /** The app's budget as the preview reads it. */
    public record BudgetNow(double balance, double ratePerHour, int min, int max, int priority, double burnPerHour) {
    }

    /** The preview of applying {@code plan} to the cluster {@code view} shows. */
    public static Preview of(ClusterView view, Plan plan) {
        String app = plan.app();
        Price price = Prices.of(view);
        SlotPlacement.Result now = SlotPlacement.place(view);
        double current = view.plan(app).map(p -> Prices.perHourAtFullUse(price, placedOf(now, app), p.cpuMilli(), p.memoryMb()))
                .orElse(0.0);

        ClusterView next = withPlan(view, plan);
        SlotPlacement.Result after = SlotPlacement.place(next);
        Admission.Admitted admitted = after.admissions().get(app);
        int placed = placedOf(after, app);
        Set<String> refusals = new LinkedHashSet<>();
        if (admitted != null && !admitted.reason().isEmpty() && admitted.admitted() < admitted.wanted()) {
            refusals.add(admitted.reason());
        }
        for (PlacementResult.Unplaced u : after.placement().unplaced()) {
            if (u.slot().app().equals(app)) {
                refusals.add(u.reason());
            }
        }
        double cost = Prices.perHourAtFullUse(price, placed, plan.cpuMilli(), plan.memoryMb());
        List<String> notes = new ArrayList<>();
        Optional<Account> account = Accounts.of(view, app, view.takenAtMillis());
        Double hours = null;
        BudgetNow budget = account.map(a -> new BudgetNow(a.balance(), a.budget().ratePerHour(), a.budget().min(),
                a.budget().max(), a.budget().priority(), a.burnPerHour())).orElse(null);
        if (account.isPresent()) {
            Account a = account.get();
            double net = cost - a.budget().ratePerHour();
            if (net > 0) {
                hours = Math.max(0, a.balance()) / net;
                if (a.budget().ratePerHour() > 0) {
                    notes.add(String.format(Locale.ROOT, "at full use it costs %s credits/h more than the budget's rate of %s/h",
                            CreditText.format(net), CreditText.format(a.budget().ratePerHour())));
                }
            }
            if (admitted != null && admitted.wanted() != plan.instances()) {
                notes.add("the autoscaler's desired count " + admitted.wanted() + " replaces the plan's " + plan.instances()
                        + " (it scales between the budget's min " + a.budget().min() + " and max " + a.budget().max() + ")");
            }
        }
        int asked = admitted == null ? plan.instances() : admitted.wanted();
        return new Preview(app, asked, admitted == null ? asked : admitted.admitted(), placed, plan.cpuMilli(), plan.memoryMb(), price,
                cost, current, budget, hours, List.copyOf(refusals), notes);
    }

    /** {@code view} with {@code plan} as its app's plan, one revision above the current one. */
    static ClusterView withPlan(ClusterView view, Plan plan) {
        List<FabricRecord> records = new ArrayList<>();
        RecordKey key = RecordKey.operator(RecordKind.PLAN, plan.app());
        for (RecordKind k : RecordKind.values()) {
            for (FabricRecord r : view.records(k)) {
                if (!r.key().equals(key)) {
                    records.add(r);
                }
            }
        }
        records.add(new FabricRecord(key, new Version(view.planRevision(plan.app()) + 1, 0, ""), Json.write(plan), ""));
        return new ClusterView(view.self(), view.takenAtMillis(), view.members(), records);
    }

    private static int placedOf(SlotPlacement.Result r, String app) {
        return (int) r.placement().assignments().keySet().stream().filter(s -> s.app().equals(app)).count();
    }
}
