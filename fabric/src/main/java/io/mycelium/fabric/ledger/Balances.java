package io.mycelium.fabric.ledger;

import io.mycelium.fabric.model.Budget;

/** The arithmetic of a budget: what it has granted by a time, and what is left after spending. */
public final class Balances {
    private static final double HOUR_MS = 3_600_000.0;

    private Balances() {
    }

    /** Credits granted by {@code nowMs}: the budget's credits plus its rate for the hours since {@code sinceMs}. */
    public static double granted(Budget b, long nowMs) {
        return b.credits() + b.ratePerHour() * Math.max(0, nowMs - b.sinceMs()) / HOUR_MS;
    }

    /** The balance at {@code nowMs} after {@code spent} credits: negative once the app used more than it was granted. */
    public static double at(Budget b, double spent, long nowMs) {
        return granted(b, nowMs) - spent;
    }

    /**
     * Hours until the balance is empty at a spending rate of {@code burnPerHour} (net of the
     * budget's own rate); {@code Double.POSITIVE_INFINITY} when it never empties, 0 when it is empty.
     */
    public static double hoursToEmpty(Budget b, double balance, double burnPerHour) {
        if (balance <= 0) {
            return 0;
        }
        double net = burnPerHour - b.ratePerHour();
        return net <= 0 ? Double.POSITIVE_INFINITY : balance / net;
    }
}
