package io.mycelium.client.plan;

import io.mycelium.fabric.model.Plan;
import io.mycelium.spore.manifest.Manifest;
import java.util.Optional;

/**
 * A plan carries the nutrients (cpu_milli, memory_mb) of one instance so that placement can decide
 * before any agent holds the spore. They come from the spore's manifest; when the manifest is not
 * at hand and the digest is the one already planned, the current plan's nutrients are kept. The
 * manifest's {@code slo.p99_budget_ms} comes along as the plan's p99 target (what the autoscaler
 * and the rollout analysis hold the app to), unless the plan sets its own.
 */
public final class PlanNutrients {
    private PlanNutrients() {
    }

    /** {@code plan} with its nutrients filled, or empty when neither the manifest nor the current plan tells them. */
    public static Optional<Plan> fill(Plan plan, Optional<Manifest> manifest, Optional<Plan> current) {
        if (manifest.isPresent()) {
            Manifest m = manifest.get();
            return Optional.of(withSlo(plan.withNutrients(m.nutrients().cpuMilli(), m.nutrients().memoryMb()), m.slo().p99BudgetMs()));
        }
        return current.filter(c -> c.digest().equals(plan.digest())).map(c -> plan.withNutrients(c.cpuMilli(), c.memoryMb()));
    }

    private static Plan withSlo(Plan plan, long p99BudgetMs) {
        var analysis = plan.strategy().analysisOrDefault();
        if (p99BudgetMs <= 0 || analysis.p99BudgetMs() > 0) {
            return plan;
        }
        return plan.withStrategy(plan.strategy().withAnalysis(analysis.withP99BudgetMs(p99BudgetMs)));
    }
}
