package io.mycelium.client.plan;

import io.mycelium.fabric.model.Plan;
import io.mycelium.spore.manifest.Manifest;
import java.util.Optional;

/**
 * A plan carries the nutrients (cpu_milli, memory_mb) of one instance so that placement can decide
 * before any agent holds the spore. They come from the spore's manifest; when the manifest is not
 * at hand and the digest is the one already planned, the current plan's nutrients are kept.
 */
public final class PlanNutrients {
    private PlanNutrients() {
    }

    /** {@code plan} with its nutrients filled, or empty when neither the manifest nor the current plan tells them. */
    public static Optional<Plan> fill(Plan plan, Optional<Manifest> manifest, Optional<Plan> current) {
        if (manifest.isPresent()) {
            return Optional.of(plan.withNutrients(manifest.get().nutrients().cpuMilli(), manifest.get().nutrients().memoryMb()));
        }
        return current.filter(c -> c.digest().equals(plan.digest())).map(c -> plan.withNutrients(c.cpuMilli(), c.memoryMb()));
    }
}
