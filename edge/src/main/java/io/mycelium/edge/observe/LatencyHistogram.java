package io.mycelium.edge.observe;

import java.util.concurrent.atomic.LongAdder;

/**
 * A lock-free latency histogram with fixed buckets from 10 microseconds to 100 seconds, ten per
 * decade (1, 1.25, 1.5, 2, 2.5, 3, 4, 5, 6, 7.5 times a power of ten), so a quantile is known to
 * within one bucket (at most 25%) and the usual Prometheus boundaries fall on bucket edges.
 * Thread-safe; each bucket is a {@link LongAdder}, so that threads on different cores recording
 * at once do not contend on one cache line.
 */
public final class LatencyHistogram {

    private static final double[] MANTISSA = {1, 1.25, 1.5, 2, 2.5, 3, 4, 5, 6, 7.5};
    /** Upper bounds in nanoseconds; the last bucket is unbounded. */
    static final long[] BOUNDS;

    static {
        int decades = 7; // 1e-5 s .. 1e2 s
        BOUNDS = new long[decades * MANTISSA.length + 1];
        int i = 0;
        for (int d = 0; d < decades; d++) {
            double base = 10_000 * Math.pow(10, d);
            for (double m : MANTISSA) {
                BOUNDS[i++] = Math.round(base * m);
            }
        }
        BOUNDS[i] = 100_000_000_000L;
    }

    private final LongAdder[] counts = new LongAdder[BOUNDS.length + 1];
    private final LongAdder sumNanos = new LongAdder();

    public LatencyHistogram() {
        for (int i = 0; i < counts.length; i++) {
            counts[i] = new LongAdder();
        }
    }

    /** Records one observation. */
    public void record(long nanos) {
        counts[bucket(nanos)].increment();
        sumNanos.add(nanos);
    }

    static int bucket(long nanos) {
        int lo = 0;
        int hi = BOUNDS.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (nanos <= BOUNDS[mid]) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return lo;
    }

    /** A copy of the bucket counts (the last one counts values above 100 s). */
    public long[] snapshot() {
        long[] copy = new long[counts.length];
        for (int i = 0; i < copy.length; i++) {
            copy[i] = counts[i].sum();
        }
        return copy;
    }

    /** Sum of all observations in nanoseconds. */
    public long sumNanos() {
        return sumNanos.sum();
    }

    /** Upper bound in nanoseconds of bucket {@code i} (Long.MAX_VALUE for the last). */
    public static long upperBound(int i) {
        return i < BOUNDS.length ? BOUNDS[i] : Long.MAX_VALUE;
    }

    /** Number of buckets. */
    public static int buckets() {
        return BOUNDS.length + 1;
    }

    /**
     * The {@code q} quantile of {@code counts} in nanoseconds, interpolated linearly inside its
     * bucket; 0 when there are no observations.
     */
    public static long quantile(long[] counts, double q) {
        long total = 0;
        for (long c : counts) {
            total += c;
        }
        if (total == 0) {
            return 0;
        }
        double rank = q * total;
        long seen = 0;
        for (int i = 0; i < counts.length; i++) {
            if (counts[i] == 0) {
                continue;
            }
            if (seen + counts[i] >= rank) {
                long lower = i == 0 ? 0 : BOUNDS[i - 1];
                long upper = i < BOUNDS.length ? BOUNDS[i] : BOUNDS[BOUNDS.length - 1];
                double within = (rank - seen) / counts[i];
                return lower + Math.round((upper - lower) * Math.max(0, Math.min(1, within)));
            }
            seen += counts[i];
        }
        return BOUNDS[BOUNDS.length - 1];
    }

    /** Element-wise {@code now - before}. */
    public static long[] minus(long[] now, long[] before) {
        long[] d = new long[now.length];
        for (int i = 0; i < now.length; i++) {
            d[i] = now[i] - (before == null ? 0 : before[i]);
        }
        return d;
    }
}
