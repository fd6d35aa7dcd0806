package io.mycelium.fabric.time;

import io.mycelium.spore.time.Clock;

/**
 * Runs tasks later or periodically. The real one runs them on one thread named after its role
 * ({@code fabric-gossip}); tasks never run concurrently with each other. The simulated one runs
 * them from {@link EventLoop#runUntil}.
 */
public interface Scheduler extends AutoCloseable {
    /** Runs {@code task} after {@code delayMs}, then every {@code periodMs}. Cancel by closing the handle. */
    AutoCloseable every(long delayMs, long periodMs, Runnable task);

    /** Runs {@code task} once after {@code delayMs}. */
    void later(long delayMs, Runnable task);

    Clock clock();

    @Override
    void close();
}
