package io.mycelium.fabric.gossip;

/**
 * Tuning of the dissemination.
 *
 * @param intervalMs push round period: each round, records still "hot" go to {@code fanout} random peers
 * @param fanout peers per push
 * @param retransmitMult a record stays hot for {@code retransmitMult * ceil(log10(n + 1))} rounds
 * @param antiEntropyMs period of the digest exchange with one random peer
 * @param tombstoneTtlMs how long a tombstone is kept before it is collected
 * @param maxPushBytes soft limit of one push message
 * @param forwardOnReceipt forward a new record at once (the fast path); false waits for the next round,
 *        as classic interval gossip (Serf's model) does
 * @param relay spread records received from others (push rounds); false makes this node a leaf
 *        (a console): it spreads only the records it publishes, and others do not pick it as a
 *        gossip peer but send it each record they publish, once (see {@link PeerSampler#leaves})
 */
public record GossipConfig(long intervalMs, int fanout, int retransmitMult, long antiEntropyMs, long tombstoneTtlMs, int maxPushBytes,
                           boolean forwardOnReceipt, boolean relay) {
    public static final GossipConfig DEFAULT = new GossipConfig(200, 3, 3, 2_000, 10 * 60_000, 64 * 1024, true, true);

    public GossipConfig {
        if (intervalMs < 1 || fanout < 1 || retransmitMult < 1 || antiEntropyMs < 1 || tombstoneTtlMs < 0 || maxPushBytes < 1024) {
            throw new IllegalArgumentException("gossip config out of range: " + intervalMs + " ms, fanout " + fanout
                    + ", retransmit x" + retransmitMult + ", anti-entropy " + antiEntropyMs + " ms");
        }
    }

    public GossipConfig withInterval(long ms) {
        return new GossipConfig(ms, fanout, retransmitMult, antiEntropyMs, tombstoneTtlMs, maxPushBytes, forwardOnReceipt, relay);
    }

    public GossipConfig withFanout(int f) {
        return new GossipConfig(intervalMs, f, retransmitMult, antiEntropyMs, tombstoneTtlMs, maxPushBytes, forwardOnReceipt, relay);
    }

    public GossipConfig withAntiEntropy(long ms) {
        return new GossipConfig(intervalMs, fanout, retransmitMult, ms, tombstoneTtlMs, maxPushBytes, forwardOnReceipt, relay);
    }

    public GossipConfig withTombstoneTtl(long ms) {
        return new GossipConfig(intervalMs, fanout, retransmitMult, antiEntropyMs, ms, maxPushBytes, forwardOnReceipt, relay);
    }

    public GossipConfig withForwardOnReceipt(boolean on) {
        return new GossipConfig(intervalMs, fanout, retransmitMult, antiEntropyMs, tombstoneTtlMs, maxPushBytes, on, relay);
    }

    public GossipConfig withRelay(boolean on) {
        return new GossipConfig(intervalMs, fanout, retransmitMult, antiEntropyMs, tombstoneTtlMs, maxPushBytes, forwardOnReceipt, on);
    }
}
