package io.mycelium.agent.metrics;

import java.util.concurrent.atomic.AtomicLong;

/** A value that goes up and down. Thread-safe. */
public final class Gauge {
    private final AtomicLong bits = new AtomicLong(Double.doubleToLongBits(0));

    Gauge() {
    }

    public void set(double v) {
        bits.set(Double.doubleToLongBits(v));
    }

    public void add(double delta) {
        bits.updateAndGet(b -> Double.doubleToLongBits(Double.longBitsToDouble(b) + delta));
    }

    public double value() {
        return Double.longBitsToDouble(bits.get());
    }
}
