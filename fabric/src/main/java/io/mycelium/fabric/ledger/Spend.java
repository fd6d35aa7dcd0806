package io.mycelium.fabric.ledger;

import io.mycelium.fabric.ClusterView;
import io.mycelium.fabric.model.Usage;
import java.util.Collection;

/**
 * What an app has spent: the sum, over every node that ever ran it, of that node's own
 * {@link Usage} counters. Each node writes only its own record and its counters only grow, so the
 * fabric's merge keeps each node's newest record and the sum is the same on every member that has
 * seen the same writes, in whatever order, twice or after a partition: a grow-only counter.
 */
public final class Spend {
    private Spend() {
    }

    /** Credits spent by {@code app} across all nodes, in micro-credits (exact). */
    public static long microCredits(ClusterView view, String app) {
        return microCredits(view.usage(app).values());
    }

    public static long microCredits(Collection<Usage> perNode) {
        long sum = 0;
        for (Usage u : perNode) {
            sum = Math.addExact(sum, u.microCredits());
        }
        return sum;
    }

    /** The app's spending rate now: the sum of the live nodes' burn rates, credits per hour. */
    public static double burnPerHour(ClusterView view, String app) {
        double sum = 0;
        for (var e : view.usage(app).entrySet()) {
            if (view.isLive(e.getKey())) {
                sum += e.getValue().burnPerHour();
            }
        }
        return sum;
    }
}
