package io.mycelium.spore.time;

import java.time.Instant;

/**
 * The one time source of the project, injected wherever code reads the time so that tests can
 * run on a {@link ManualClock}. {@link #millis()} is wall-clock time (for timestamps, signatures
 * and the hybrid logical clock); {@link #nanoTime()} is monotonic (for timeouts, backoff and
 * durations). Implementations are thread-safe.
 */
@FunctionalInterface
public interface Clock {
    /** The system's clocks: {@link System#currentTimeMillis()} and {@link System#nanoTime()}. */
    Clock SYSTEM = new Clock() {
        @Override
        public long millis() {
            return System.currentTimeMillis();
        }

        @Override
        public long nanoTime() {
            return System.nanoTime();
        }

        @Override
        public Instant instant() {
            return Instant.now();
        }

        @Override
        public String toString() {
            return "Clock.SYSTEM";
        }
    };

    /** Wall-clock milliseconds since the epoch. */
    long millis();

    /**
     * Monotonic nanoseconds from an arbitrary origin; only differences mean anything. A clock
     * given as a lambda over {@link #millis()} (a simulation's event loop) derives it from there.
     */
    default long nanoTime() {
        return millis() * 1_000_000L;
    }

    /** {@link #millis()} as an {@link Instant}. */
    default Instant instant() {
        return Instant.ofEpochMilli(millis());
    }
}
