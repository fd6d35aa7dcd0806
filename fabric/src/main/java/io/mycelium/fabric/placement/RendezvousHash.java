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
        return score(bits(hash(slot.app() + '\u0000' + slot.index() + '\u0000' + node)), weight);
    }

    /** The score of a node whose hash has these top 53 {@code bits} (see {@link #bits}), weighted by {@code weight}. */
    static double score(long bits, double weight) {
        double u = (bits + 0.5) / (double) (1L << 53);
        return -weight / Math.log(u);
    }

    /** The top 53 bits of a hash, which make the uniform u of the score. */
    static long bits(long hash) {
        return hash >>> 11;
    }

    static long hash(String s) {
        return mix(fnv(FNV_OFFSET, bytes(s)));
    }

    /**
     * The FNV state after the slot's part of the hashed string ({@code app NUL index NUL}), to be
     * continued over each node's id bytes with {@link #finish}: {@code finish(prefix(slot),
     * bytes(node))} equals {@code hash(app + NUL + index + NUL + node)} (the NUL ends the prefix, so
     * no UTF-8 sequence spans the join).
     */
    static long prefix(SlotId slot) {
        return fnv(FNV_OFFSET, bytes(slot.app() + '\u0000' + slot.index() + '\u0000'));
    }

    /** The hash of a prefix state continued over {@code node} (a node id's UTF-8 bytes). */
    static long finish(long prefix, byte[] node) {
        return mix(fnv(prefix, node));
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static long fnv(long h, byte[] bytes) {
        for (byte b : bytes) {
            h ^= b & 0xff;
            h *= FNV_PRIME;
        }
        return h;
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
