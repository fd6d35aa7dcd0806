package io.mycelium.fabric.model;

/**
 * What one node's instances of an app have used and spent so far: node-owned (name: the app), and
 * every figure only grows, across restarts too (the agent persists them), so an app's spend is the
 * sum of its nodes' records whatever order they arrive in (see {@code io.mycelium.fabric.ledger}).
 *
 * @param app            the app
 * @param cpuMillis      CPU time used, in milliseconds
 * @param mbMillis       memory held over time, in MiB-milliseconds
 * @param microCredits   what that cost, in millionths of a credit, at the price of each moment
 * @param burnPerHour    the node's current spending rate for the app, credits per hour
 * @param instances      how many instances of the app the node runs now
 * @param updatedMs      when the node last counted
 */
public record Usage(String app, long cpuMillis, long mbMillis, long microCredits, double burnPerHour, int instances, long updatedMs) {
    public Usage {
        Checks.name("app", app);
        Checks.nonNegative("usage " + app + ": cpu_millis", cpuMillis);
        Checks.nonNegative("usage " + app + ": mb_millis", mbMillis);
        Checks.nonNegative("usage " + app + ": micro_credits", microCredits);
        Checks.nonNegative("usage " + app + ": instances", instances);
        if (!Double.isFinite(burnPerHour) || burnPerHour < 0) {
            throw new IllegalArgumentException("usage " + app + ": burn_per_hour must be >= 0, got " + burnPerHour);
        }
    }

    /** The credits spent. */
    public double credits() {
        return microCredits / 1e6;
    }

    /** Whether every counter of this record is at least that of {@code earlier} (counters never go back). */
    public boolean covers(Usage earlier) {
        return cpuMillis >= earlier.cpuMillis && mbMillis >= earlier.mbMillis && microCredits >= earlier.microCredits;
    }
}
