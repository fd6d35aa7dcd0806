package io.mycelium.fabric.model;

import io.mycelium.spore.digest.Digest;
import java.util.Map;
import java.util.Objects;

/**
 * What should run: an app, its spore digest, how many instances, env and config, health-check
 * overrides (may be null), placement constraints as required node labels, and the update strategy.
 * A signed operator record keyed by app.
 */
public record Plan(String app, Digest digest, int instances, Map<String, String> env, Map<String, String> config,
                   HealthCheck health, Map<String, String> placement, UpdateStrategy strategy) {
    public Plan {
        Checks.name("app", app);
        Objects.requireNonNull(digest, "digest");
        if (instances < 0 || instances > 10_000) {
            throw new IllegalArgumentException("plan " + app + ": instances " + instances + " is not 0-10000");
        }
        env = env == null ? Map.of() : Map.copyOf(env);
        config = config == null ? Map.of() : Map.copyOf(config);
        placement = placement == null ? Map.of() : Map.copyOf(placement);
        strategy = strategy == null ? UpdateStrategy.DEFAULT : strategy;
    }

    /** A plan with the defaults for everything but app, digest and count. */
    public static Plan of(String app, Digest digest, int instances) {
        return new Plan(app, digest, instances, Map.of(), Map.of(), null, Map.of(), UpdateStrategy.DEFAULT);
    }
}
