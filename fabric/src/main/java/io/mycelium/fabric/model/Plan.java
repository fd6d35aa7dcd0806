package io.mycelium.fabric.model;

import io.mycelium.spore.digest.Digest;
import io.mycelium.spore.manifest.HealthCheck;
import java.util.Map;
import java.util.Objects;

/**
 * What should run: an app, its spore digest, how many instances, the nutrients one instance needs
 * (copied from the spore's manifest when the plan is applied, so that placement can decide before
 * any agent holds the spore), env and config, a health check that replaces the manifest's (null:
 * the manifest's check), placement constraints as required node labels, and the update strategy.
 * A signed operator record keyed by app.
 */
public record Plan(String app, Digest digest, int instances, long cpuMilli, long memoryMb, Map<String, String> env,
                   Map<String, String> config, HealthCheck health, Map<String, String> placement, UpdateStrategy strategy) {
    public Plan {
        Checks.name("app", app);
        Objects.requireNonNull(digest, "digest");
        if (instances < 0 || instances > 10_000) {
            throw new IllegalArgumentException("plan " + app + ": instances " + instances + " is not 0-10000");
        }
        Checks.nonNegative("plan " + app + ": cpu_milli", cpuMilli);
        Checks.nonNegative("plan " + app + ": memory_mb", memoryMb);
        env = env == null ? Map.of() : Map.copyOf(env);
        config = config == null ? Map.of() : Map.copyOf(config);
        placement = placement == null ? Map.of() : Map.copyOf(placement);
        strategy = strategy == null ? UpdateStrategy.DEFAULT : strategy;
    }

    /** A plan with no nutrients and the defaults for everything but app, digest and count. */
    public static Plan of(String app, Digest digest, int instances) {
        return new Plan(app, digest, instances, 0, 0, Map.of(), Map.of(), null, Map.of(), UpdateStrategy.DEFAULT);
    }

    /** The same plan with each instance needing {@code cpu} millicores and {@code memory} MiB. */
    public Plan withNutrients(long cpu, long memory) {
        return new Plan(app, digest, instances, cpu, memory, env, config, health, placement, strategy);
    }

    public Plan withDigest(Digest d) {
        return new Plan(app, d, instances, cpuMilli, memoryMb, env, config, health, placement, strategy);
    }

    public Plan withInstances(int n) {
        return new Plan(app, digest, n, cpuMilli, memoryMb, env, config, health, placement, strategy);
    }

    public Plan withEnv(Map<String, String> e) {
        return new Plan(app, digest, instances, cpuMilli, memoryMb, e, config, health, placement, strategy);
    }

    public Plan withHealth(HealthCheck h) {
        return new Plan(app, digest, instances, cpuMilli, memoryMb, env, config, h, placement, strategy);
    }

    public Plan withPlacement(Map<String, String> labels) {
        return new Plan(app, digest, instances, cpuMilli, memoryMb, env, config, health, labels, strategy);
    }

    public Plan withStrategy(UpdateStrategy s) {
        return new Plan(app, digest, instances, cpuMilli, memoryMb, env, config, health, placement, s);
    }
}
