package io.mycelium.fabric.autoscale;

/**
 * The autoscaler's knobs.
 *
 * @param tolerance     the band around the target in which nothing changes (0.1: within 10%)
 * @param windowMs      scale-in stabilisation: the count never drops below the highest recommendation of this window
 * @param cooldownMs    after a change, no other change for this long
 * @param minRps        below this many requests/s the p99 is noise: no data
 */
public record ScalePolicy(double tolerance, long windowMs, long cooldownMs, double minRps) {
    /** The HPA's tolerance and scale-down window; a 15 s cooldown. */
    public static final ScalePolicy DEFAULT = new ScalePolicy(0.1, 300_000, 15_000, 0.5);

    public ScalePolicy {
        if (!(tolerance >= 0 && tolerance < 1) || windowMs < 0 || cooldownMs < 0 || !(minRps >= 0)) {
            throw new IllegalArgumentException("scale policy: tolerance must be 0..1 and the rest >= 0, got " + tolerance + ", " + windowMs + ", " + cooldownMs + ", " + minRps);
        }
    }

    /** This policy with the budget's own window and cooldown where it sets them. */
    public ScalePolicy forBudget(io.mycelium.fabric.model.Budget b) {
        return new ScalePolicy(tolerance, b.scaleInWindowMs() > 0 ? b.scaleInWindowMs() : windowMs,
                b.cooldownMs() > 0 ? b.cooldownMs() : cooldownMs, minRps);
    }
}
