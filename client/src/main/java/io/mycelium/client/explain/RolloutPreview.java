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
import io.mycelium.fabric.model.RolloutCommand;
import io.mycelium.fabric.placement.PlacementResult;
import io.mycelium.fabric.rollout.RolloutDecision;
import io.mycelium.fabric.rollout.Rollouts;
import io.mycelium.fabric.state.FabricRecord;
import io.mycelium.fabric.state.RecordKey;
import io.mycelium.fabric.state.Version;
import io.mycelium.spore.digest.Digest;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What a rollout would cost before it starts: the app's credits per hour now, at the step that runs
 * the most of both revisions (blue/green and canary: both at full count until the old one stops;
 * rolling: the plan's count plus the surge), and once it completed, at full use of each revision's
 * nutrients and the price in force; and whether the first step's new instances would be placed, from
 * the same placement function the agents run ({@link SlotPlacement}, admission inside) on the view
 * with the new plan and the rollout command in place. Pure: {@code mesh rollout start} prints it
 * before it submits (and alone with {@code --dry-run}); the consoles put it in the confirmation of
 * {@code :rollout start}.
 */
public final class RolloutPreview {
    private RolloutPreview() {
    }

    /**
     * A rollout's preview.
     *
     * @param stable         the revision the app serves now
     * @param target         the revision it rolls out
     * @param strategy       the strategy's flag (blue-green, canary, rolling)
     * @param instances      the instances the ledger admits now (the plan's count, or the autoscaler's)
     * @param peakInstances  the most instances of both revisions one step runs
     * @param nowPerHour     credits per hour of what runs now, at full use
     * @param peakPerHour    the same at the busiest step, while both revisions run
     * @param afterPerHour   the same once the rollout completed
     * @param budget         the app's budget, or null
     * @param hoursToEmpty   the balance over the peak cost less the budget's rate; null: never empties at the peak
     * @param refusals       why some instances of the first step would not run, each once
     */
    public record Preview(String app, Digest stable, Digest target, String strategy, int instances, int peakInstances,
                          double nowPerHour, double peakPerHour, double afterPerHour, PlanPreview.BudgetNow budget,
                          Double hoursToEmpty, List<String> refusals) {
        public Preview {
            Objects.requireNonNull(app, "app");
            refusals = List.copyOf(refusals);
        }

        /** Whether every instance of the first step would run. */
        public boolean runsAsAsked() {
            return refusals.isEmpty();
        }

        /** The one line a CLI prints before it starts and a console puts in its confirmation. */
        public String summary() {
            StringBuilder s = new StringBuilder(String.format(Locale.ROOT,
                    "this rollout will cost ~%s credits/h while both revisions run (%d instances; now %s/h, after %s/h)",
                    CreditText.format(peakPerHour), peakInstances, CreditText.format(nowPerHour), CreditText.format(afterPerHour)));
            if (hoursToEmpty != null) {
                s.append(String.format(Locale.ROOT, "; the balance of %s lasts %s at that rate", CreditText.format(budget.balance()), CreditText.hours(hoursToEmpty)));
            }
            if (!refusals.isEmpty()) {
                s.append("; would not run: ").append(String.join("; ", refusals));
            }
            return s.toString();
        }
    }

    /**
     * The preview of rolling {@code plan.app()} out to {@code plan} (the app's plan with the new
     * digest, strategy and nutrients) with {@code command} (the start command that would be submitted).
     */
    public static Preview of(ClusterView view, Plan plan, RolloutCommand command) {
        String app = plan.app();
        Plan current = view.plan(app).orElseThrow(() -> new IllegalArgumentException(app + " has no plan: a rollout needs one"));
        Price price = Prices.of(view);
        SlotPlacement.Result now = SlotPlacement.place(view);
        RolloutDecision decision = now.rollouts().get(app);
        Digest stable = decision == null || decision.state().serving() == null ? current.digest() : decision.state().serving();
        Admission.Admitted admitted = now.admissions().get(app);
        int count = admitted == null ? plan.instances() : admitted.admitted();

        double nowCost = Prices.perHourAtFullUse(price, placed(now, app), current.cpuMilli(), current.memoryMb());
        double peak = 0;
        int peakCount = 0;
        for (Map<Digest, Integer> step : Rollouts.stepInstances(plan.strategy(), stable, plan.digest(), plan.instances())) {
            double cost = 0;
            int n = 0;
            for (Map.Entry<Digest, Integer> e : SlotPlacement.admitted(step, plan, count).entrySet()) {
                Plan of = e.getKey().equals(plan.digest()) ? plan : current;
                cost += Prices.perHourAtFullUse(price, e.getValue(), of.cpuMilli(), of.memoryMb());
                n += e.getValue();
            }
            if (cost > peak || (cost == peak && n > peakCount)) {
                peak = cost;
                peakCount = n;
            }
        }
        double after = Prices.perHourAtFullUse(price, count, plan.cpuMilli(), plan.memoryMb());

        SlotPlacement.Result first = SlotPlacement.place(withRollout(view, plan, command));
        Set<String> refusals = new LinkedHashSet<>();
        for (PlacementResult.Unplaced u : first.placement().unplaced()) {
            if (u.slot().app().equals(app)) {
                refusals.add(u.reason());
            }
        }
        PlanPreview.BudgetNow budget = null;
        Double hours = null;
        var account = Accounts.of(view, app, view.takenAtMillis());
        if (account.isPresent()) {
            Account a = account.get();
            budget = new PlanPreview.BudgetNow(a.balance(), a.budget().ratePerHour(), a.budget().min(), a.budget().max(),
                    a.budget().priority(), a.burnPerHour());
            double net = peak - a.budget().ratePerHour();
            if (net > 0) {
                hours = Math.max(0, a.balance()) / net;
            }
        }
        return new Preview(app, stable, plan.digest(), plan.strategy().kind().flag(), count, peakCount, nowCost, peak, after, budget,
                hours, new ArrayList<>(refusals));
    }

    /** {@code view} with {@code plan} and {@code command} in place of the app's plan and rollout command, one revision above each. */
    static ClusterView withRollout(ClusterView view, Plan plan, RolloutCommand command) {
        ClusterView withPlan = PlanPreview.withPlan(view, plan);
        RecordKey key = RecordKey.operator(RecordKind.ROLLOUT, plan.app());
        List<FabricRecord> records = new ArrayList<>();
        for (RecordKind k : RecordKind.values()) {
            for (FabricRecord r : withPlan.records(k)) {
                if (!r.key().equals(key)) {
                    records.add(r);
                }
            }
        }
        records.add(new FabricRecord(key, new Version(Rollouts.commandRevision(view, plan.app()) + 1, 0, ""), Json.write(command), ""));
        return new ClusterView(view.self(), view.takenAtMillis(), view.members(), records);
    }

    private static int placed(SlotPlacement.Result r, String app) {
        return (int) r.placement().assignments().keySet().stream().filter(s -> s.app().equals(app)).count();
    }
}
