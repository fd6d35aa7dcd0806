package io.mycelium.edge.observe;

import java.util.List;

/**
 * Where the edge publishes per-app latency (the fabric's telemetry records in production).
 * Called from the edge's telemetry thread only, once per window, with every app that had
 * traffic in the window. Implementations must not block for long.
 */
@FunctionalInterface
public interface TelemetrySink {

    /** Discards everything. */
    TelemetrySink NONE = latencies -> { };

    /** Publishes one window's figures. */
    void publish(List<AppLatency> latencies);

    /** Publishes one window's figures, with the per-revision ones (a sink that has no use for them drops them). */
    default void publish(List<AppLatency> latencies, List<RevisionLatency> revisions) {
        publish(latencies);
    }
}
