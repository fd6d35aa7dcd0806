package io.mycelium.spore.time;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A clock that moves only when told to, for tests and simulations. Wall and monotonic time move
 * together; {@link #set} moves only the wall clock (as an operator changing the system time
 * would), never the monotonic one backwards. Thread-safe.
 */
public final class ManualClock implements Clock {
    private final AtomicLong wallNanos;
    private final AtomicLong monotonicNanos = new AtomicLong();

    public ManualClock(Instant start) {
        this.wallNanos = new AtomicLong(start.toEpochMilli() * 1_000_000L);
    }

    /** A clock starting at 2026-01-01T00:00:00Z. */
    public ManualClock() {
        this(Instant.parse("2026-01-01T00:00:00Z"));
    }

    /** Moves both clocks forward by {@code step}. */
    public ManualClock advance(Duration step) {
        if (step.isNegative()) {
            throw new IllegalArgumentException("a clock only moves forward; got a step of " + step);
        }
        long nanos = step.toNanos();
        wallNanos.addAndGet(nanos);
        monotonicNanos.addAndGet(nanos);
        return this;
    }

    /** Sets the wall clock to {@code wall} (forward or back); the monotonic clock does not move. */
    public void set(Instant wall) {
        wallNanos.set(wall.toEpochMilli() * 1_000_000L);
    }

    @Override
    public long millis() {
        return wallNanos.get() / 1_000_000L;
    }

    @Override
    public long nanoTime() {
        return monotonicNanos.get();
    }

    @Override
    public String toString() {
        return "ManualClock[" + instant() + "]";
    }
}
