package io.mycelium.edge.balance;

import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Power of two choices: two distinct endpoints at random, the one with fewer requests in flight
 * wins (ties go to the first). Keeps load even without a global view and without herding onto
 * one endpoint after a change.
 */
public final class PowerOfTwoChoices implements Balancer {

    @Override
    public Upstream pick(List<Upstream> candidates, Upstream avoid) {
        int n = candidates.size();
        if (n == 1) {
            return candidates.get(0);
        }
        ThreadLocalRandom random = ThreadLocalRandom.current();
        int i = random.nextInt(n);
        int j = random.nextInt(n - 1);
        if (j >= i) {
            j++;
        }
        Upstream a = candidates.get(i);
        Upstream b = candidates.get(j);
        if (a == avoid) {
            return b;
        }
        if (b == avoid) {
            return a;
        }
        return b.inFlight() < a.inFlight() ? b : a;
    }
}
