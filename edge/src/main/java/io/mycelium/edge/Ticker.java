package io.mycelium.edge;

/**
 * A monotonic time source in nanoseconds, injected so that tests can drive ejection backoff
 * and telemetry windows with a fake clock. Implementations must be thread-safe.
 */
@FunctionalInterface
public interface Ticker {

    /** The system's monotonic clock. */
    Ticker SYSTEM = System::nanoTime;

    /** Current time in nanoseconds from an arbitrary origin. */
    long nanoTime();
}
