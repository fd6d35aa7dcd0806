package io.mycelium.fabric.wire;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Rejects sealed messages seen before: per sender, the epoch (which grows at each start of the
 * sender) and a 1024-message sliding window over its sequence numbers. Thread-safe.
 */
final class ReplayWindow {
    static final int WINDOW = 1024;
    private static final int MAX_SENDERS = 65_536;

    private static final class Sender {
        long epoch;
        long highest = -1;
        final long[] seen = new long[WINDOW / 64];
    }

    private final Map<String, Sender> senders = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Sender> eldest) {
            return size() > MAX_SENDERS;
        }
    };

    /** True if (sender, epoch, seq) is new; records it. */
    synchronized boolean accept(String sender, long epoch, long seq) {
        if (seq < 0) {
            return false;
        }
        Sender s = senders.get(sender);
        if (s == null || epoch > s.epoch) {
            s = new Sender();
            s.epoch = epoch;
            senders.put(sender, s);
        } else if (epoch < s.epoch) {
            return false;
        }
        if (seq > s.highest) {
            for (long i = Math.max(s.highest + 1, seq - WINDOW + 1); i <= seq; i++) {
                clear(s, i);
            }
            s.highest = seq;
            set(s, seq);
            return true;
        }
        if (s.highest - seq >= WINDOW || isSet(s, seq)) {
            return false;
        }
        set(s, seq);
        return true;
    }

    private static int slot(long seq) {
        return (int) Math.floorMod(seq, (long) WINDOW);
    }

    private static void set(Sender s, long seq) {
        int i = slot(seq);
        s.seen[i >>> 6] |= 1L << (i & 63);
    }

    private static void clear(Sender s, long seq) {
        int i = slot(seq);
        s.seen[i >>> 6] &= ~(1L << (i & 63));
    }

    private static boolean isSet(Sender s, long seq) {
        int i = slot(seq);
        return (s.seen[i >>> 6] & (1L << (i & 63))) != 0;
    }
}
