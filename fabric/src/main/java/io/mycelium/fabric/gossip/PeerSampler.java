package io.mycelium.fabric.gossip;

import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Picks random live peers (never this node) for gossip. Thread-safe. Peers are relays (agents,
 * edges), which {@link #sample} picks from, or leaves (consoles), which it never picks: a leaf gets
 * each record from the node that publishes it ({@link #leaves}) and the rest by its own
 * anti-entropy, so a console does not receive every record several times over.
 */
@FunctionalInterface
public interface PeerSampler {
    /** Up to {@code k} distinct random relay peers, none of them in {@code exclude}. */
    List<String> sample(int k, RandomGenerator random, String exclude);

    /** How many relay peers there are, for sizing retransmissions. */
    default int size() {
        return 0;
    }

    /** Every live leaf peer (a console), to which this node sends the records it publishes. */
    default List<String> leaves() {
        return List.of();
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
