package io.mycelium.edge.balance;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** Each endpoint in turn. */
public final class RoundRobin implements Balancer {

    private final AtomicInteger next = new AtomicInteger();

    @Override
    public Upstream pick(List<Upstream> candidates, Upstream avoid) {
        int n = candidates.size();
        Upstream chosen = candidates.get(Math.floorMod(next.getAndIncrement(), n));
        if (chosen == avoid && n > 1) {
            chosen = candidates.get(Math.floorMod(next.getAndIncrement(), n));
        }
        return chosen;
    }
}
