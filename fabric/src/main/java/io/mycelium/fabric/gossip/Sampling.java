package io.mycelium.fabric.gossip;

import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/** Random distinct picks from a list without copying it. */
final class Sampling {
    private Sampling() {
    }

    static List<String> sample(List<String> ids, int k, RandomGenerator random, String self, String exclude) {
        int n = ids.size();
        List<String> out = new ArrayList<>(k);
        if (n == 0 || k <= 0) {
            return out;
        }
        if (n <= 4 * k) {
            List<String> copy = new ArrayList<>(ids);
            copy.remove(self);
            if (exclude != null) {
                copy.remove(exclude);
            }
            for (int i = 0; i < k && !copy.isEmpty(); i++) {
                out.add(copy.remove(random.nextInt(copy.size())));
            }
            return out;
        }
        int tries = 0;
        while (out.size() < k && tries++ < 8 * k) {
            String id = ids.get(random.nextInt(n));
            if (!id.equals(self) && !id.equals(exclude) && !out.contains(id)) {
                out.add(id);
            }
        }
        return out;
    }
}
