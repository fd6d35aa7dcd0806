package io.mycelium.fabric.model;

/**
 * An app's nutrient budget, a signed operator record keyed by app: {@code credits} granted so far
 * (the opening balance plus every top-up), a {@code ratePerHour} of credits that accrue from
 * {@code sinceMs} on, the instance range {@code min}..{@code max} that scaling keeps to, and a
 * {@code priority} (higher keeps its instances when capacity is short). What an app has left at a
 * time is {@link io.mycelium.fabric.ledger.Balances#at}; spending is counted by the nodes
 * ({@link Usage}), never in this record, so a top-up and a node's meter never conflict. Like the
 * HPA's {@code behavior}, the budget may shorten or lengthen the autoscaler's scale-in
 * stabilisation window ({@code scaleInWindowMs}) and its cooldown ({@code cooldownMs}); 0 keeps
 * the autoscaler's default.
 */
public record Budget(String app, double credits, double ratePerHour, int min, int max, int priority, long sinceMs,
                     long scaleInWindowMs, long cooldownMs) {
    /** More than any lab cluster spends in a lifetime; a larger figure is a typo. */
    public static final double MAX_CREDITS = 1e12;
    public static final double MAX_RATE_PER_HOUR = 1e9;
    public static final int MAX_PRIORITY = 1000;

    public Budget {
        Checks.name("app", app);
        range("budget " + app + ": credits", credits, MAX_CREDITS);
        range("budget " + app + ": rate per hour", ratePerHour, MAX_RATE_PER_HOUR);
        if (min < 0 || max > 10_000 || min > max) {
            throw new IllegalArgumentException("budget " + app + ": min " + min + " and max " + max
                    + " must satisfy 0 <= min <= max <= 10000");
        }
        if (Math.abs(priority) > MAX_PRIORITY) {
            throw new IllegalArgumentException("budget " + app + ": priority " + priority + " is not -" + MAX_PRIORITY + ".." + MAX_PRIORITY);
        }
        Checks.nonNegative("budget " + app + ": since_ms", sinceMs);
        if (scaleInWindowMs < 0 || scaleInWindowMs > 86_400_000 || cooldownMs < 0 || cooldownMs > 86_400_000) {
            throw new IllegalArgumentException("budget " + app + ": scale-in window " + scaleInWindowMs + " ms and cooldown "
                    + cooldownMs + " ms must be 0..24 h (0: the autoscaler's default)");
        }
    }

    /** A budget with the autoscaler's default window and cooldown. */
    public Budget(String app, double credits, double ratePerHour, int min, int max, int priority, long sinceMs) {
        this(app, credits, ratePerHour, min, max, priority, sinceMs, 0, 0);
    }

    /** The same budget with its own scale-in window and cooldown (0: the default). */
    public Budget withScaling(long windowMs, long cooldown) {
        return new Budget(app, credits, ratePerHour, min, max, priority, sinceMs, windowMs, cooldown);
    }

    static void range(String what, double value, double max) {
        if (!Double.isFinite(value) || value < 0 || value > max) {
            throw new IllegalArgumentException(what + " must be 0.." + (long) max + ", got " + value);
        }
    }

    /** The same budget with {@code more} credits granted (a top-up). */
    public Budget plus(double more) {
        return new Budget(app, credits + more, ratePerHour, min, max, priority, sinceMs, scaleInWindowMs, cooldownMs);
    }
}
