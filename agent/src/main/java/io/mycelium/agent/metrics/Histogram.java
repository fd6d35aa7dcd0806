package io.mycelium.agent.metrics;

import java.util.Arrays;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;

/** Observations counted into fixed upper bounds, with their sum and count. Thread-safe. */
public final class Histogram {
    private final double[] bounds;
    private final LongAdder[] counts;
    private final DoubleAdder sum = new DoubleAdder();
    private final LongAdder count = new LongAdder();

    Histogram(double[] bounds) {
        this.bounds = bounds.clone();
        if (this.bounds.length == 0) {
            throw new IllegalArgumentException("a histogram needs at least one bucket bound");
        }
        for (int i = 0; i < this.bounds.length; i++) {
            if (Double.isNaN(this.bounds[i]) || (i > 0 && this.bounds[i] <= this.bounds[i - 1])) {
                throw new IllegalArgumentException("histogram bounds must increase strictly: " + Arrays.toString(bounds));
            }
        }
        counts = new LongAdder[this.bounds.length];
        for (int i = 0; i < counts.length; i++) {
            counts[i] = new LongAdder();
        }
    }

    public void observe(double value) {
        for (int i = 0; i < bounds.length; i++) {
            if (value <= bounds[i]) {
                counts[i].increment();
                break;
            }
        }
        sum.add(value);
        count.increment();
    }

    double[] bounds() {
        return bounds.clone();
    }

    /** Cumulative counts per bound (what Prometheus's {@code le} buckets hold). */
    long[] cumulative() {
        long[] out = new long[bounds.length];
        long running = 0;
        for (int i = 0; i < bounds.length; i++) {
            running += counts[i].sum();
            out[i] = running;
        }
        return out;
    }

    public long count() {
        return count.sum();
    }

    public double sum() {
        return sum.sum();
    }
}
