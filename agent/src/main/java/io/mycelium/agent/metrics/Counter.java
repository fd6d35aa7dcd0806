package io.mycelium.agent.metrics;

import java.util.concurrent.atomic.DoubleAdder;

/** A monotonic counter. Thread-safe. */
public final class Counter {
    private final DoubleAdder value = new DoubleAdder();

    Counter() {
    }

    public void inc() {
        value.add(1);
    }

    /** Adds {@code amount}, which must not be negative (a counter never goes down). */
    public void add(double amount) {
        if (amount < 0 || Double.isNaN(amount)) {
            throw new IllegalArgumentException("a counter only grows; cannot add " + amount);
        }
        value.add(amount);
    }

    public double value() {
        return value.sum();
    }
}
