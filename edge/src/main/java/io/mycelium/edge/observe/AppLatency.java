package io.mycelium.edge.observe;

import java.time.Duration;
import java.util.Objects;

/**
 * One app's latency over the last telemetry window, as published into the fabric.
 *
 * @param app      the app
 * @param requests requests completed in the window
 * @param p50      median latency
 * @param p90      90th percentile
 * @param p99      99th percentile
 * @param window   the window's length
 */
public record AppLatency(String app, long requests, Duration p50, Duration p90, Duration p99, Duration window) {

    public AppLatency {
        Objects.requireNonNull(app, "app");
        Objects.requireNonNull(p50, "p50");
        Objects.requireNonNull(p90, "p90");
        Objects.requireNonNull(p99, "p99");
        Objects.requireNonNull(window, "window");
        if (requests < 0) {
            throw new IllegalArgumentException("app " + app + ": requests " + requests + " < 0");
        }
    }
}
