package io.mycelium.agent.fetch;

import java.util.concurrent.atomic.LongAdder;

/** Counters of spore fetches from peers. Thread-safe. */
public final class FetchMetrics {
    private final LongAdder fetches = new LongAdder();
    private final LongAdder failures = new LongAdder();
    private final LongAdder bytes = new LongAdder();
    private final LongAdder nanos = new LongAdder();

    void fetched(long byteCount, long tookNanos) {
        fetches.increment();
        bytes.add(byteCount);
        nanos.add(tookNanos);
    }

    void failed() {
        failures.increment();
    }

    /** Spores fetched from peers. */
    public long fetches() {
        return fetches.sum();
    }

    /** Fetches that failed (network, digest mismatch, disk full). */
    public long failures() {
        return failures.sum();
    }

    /** Bytes of spores fetched from peers. */
    public long bytes() {
        return bytes.sum();
    }

    /** Time spent fetching, in seconds. */
    public double seconds() {
        return nanos.sum() / 1e9;
    }
}
