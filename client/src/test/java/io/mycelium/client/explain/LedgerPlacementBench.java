package io.mycelium.client.explain;

import io.mycelium.client.testing.ViewBuilder;
import io.mycelium.fabric.ClusterView;
import io.mycelium.fabric.model.Budget;
import io.mycelium.fabric.model.Plan;
import io.mycelium.fabric.model.Usage;
import io.mycelium.spore.digest.Digest;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The placement function with 1,000 instances (100 agents, 100 apps of 10) without budgets and
 * with a budget and usage records for every app, in the same run: {@code bench/ledger-placement.sh}.
 * Not a test (its name does not end in Test): a measurement, printed.
 */
public final class LedgerPlacementBench {
    private LedgerPlacementBench() {
    }

    public static void main(String[] args) {
        ClusterView plain = view(false);
        ClusterView budgeted = view(true);
        for (int round = 0; round < 6; round++) {
            double a = time(plain);
            double b = time(budgeted);
            System.out.printf(Locale.ROOT, "round %d: without budgets %.2f ms/place, with budgets %.2f ms/place (%+.0f%%)%n",
                    round, a, b, (b / a - 1) * 100);
        }
    }

    private static ClusterView view(boolean budgets) {
        ViewBuilder v = new ViewBuilder("console");
        for (int n = 0; n < 100; n++) {
            v.agent(String.format("agent-%03d", n));
        }
        for (int a = 0; a < 100; a++) {
            String app = "app-" + a;
            v.plan(Plan.of(app, Digest.of(app.getBytes(StandardCharsets.UTF_8)), 10).withNutrients(100, 64), 1);
            if (budgets) {
                v.budget(new Budget(app, 1000, 10, 1, 20, a % 5, 0), 1);
                for (int n = 0; n < 10; n++) {
                    v.usage(String.format("agent-%03d", (a + n) % 100), new Usage(app, 1000, 1000, 5_000_000, 1, 1, 0));
                }
            }
        }
        return v.build();
    }

    private static double time(ClusterView view) {
        int placed = 0;
        for (int i = 0; i < 20; i++) {
            placed += SlotPlacement.place(view).placement().assignments().size();
        }
        int runs = 100;
        long t0 = System.nanoTime();
        for (int i = 0; i < runs; i++) {
            placed += SlotPlacement.place(view).placement().assignments().size();
        }
        double ms = (System.nanoTime() - t0) / 1e6 / runs;
        if (placed != 120 * 1000) {
            throw new IllegalStateException("expected 1000 instances placed per run, got " + placed / 120.0);
        }
        return ms;
    }
}
