package io.mycelium.fabric.placement;

import java.nio.charset.StandardCharsets;

/**
 * Weighted rendezvous (highest random weight) scores. The hash is defined here byte for byte
 * (FNV-1a over UTF-8, then the SplitMix64 finaliser), so every JVM on every node scores alike.
 */
final class RendezvousHash {
    private static final long FNV_OFFSET = 0xcbf29ce484222325L;
    private static final long FNV_PRIME = 0x100000001b3L;

    private RendezvousHash() {
    }

    /**
     * The score of {@code node} for {@code slot}, weighted by {@code weight} (> 0): the node with
     * the highest score wins. Uses -w / ln(u) with u uniform in (0, 1), so a node's share of slots
     * is proportional to its weight, and removing a node only moves the slots it had won.
     */
    static double score(SlotId slot, String node, double weight) {
        long h = hash(slot.app() + '\u0000' + slot.index() + '\u0000' + node);
        double u = ((h >>> 11) + 0.5) / (double) (1L << 53);
        return -weight / Math.log(u);
    }

    static long hash(String s) {
        long h = FNV_OFFSET;
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xff;
            h *= FNV_PRIME;
        }
        return mix(h);
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
