package io.mycelium.fabric.gossip;

import java.util.List;
import java.util.random.RandomGenerator;

/** Picks random live peers (never this node) for gossip. Thread-safe. */
@FunctionalInterface
public interface PeerSampler {
    /** Up to {@code k} distinct random peers, none of them in {@code exclude}. */
    List<String> sample(int k, RandomGenerator random, String exclude);

    /** How many peers there are, for sizing retransmissions. */
    default int size() {
        return 0;
    }

    /** A sampler over a fixed list that may contain {@code self}, which is skipped. */
    static PeerSampler of(List<String> all, String self) {
        List<String> ids = List.copyOf(all);
        return new PeerSampler() {
            @Override
            public List<String> sample(int k, RandomGenerator random, String exclude) {
                return Sampling.sample(ids, k, random, self, exclude);
            }

            @Override
            public int size() {
                return ids.contains(self) ? ids.size() - 1 : ids.size();
            }
        };
    }
}
