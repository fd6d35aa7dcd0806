package io.mycelium.fabric.placement;

import java.util.Map;
import java.util.Objects;

/**
 * What one app's plan asks of placement.
 *
 * @param app         the app name
 * @param instances   how many slots it has
 * @param cpuMilli    each instance's CPU need (the manifest's nutrients)
 * @param memoryMb    each instance's memory need
 * @param constraints node labels that a node must carry to run it
 */
public record AppDemand(String app, int instances, long cpuMilli, long memoryMb, Map<String, String> constraints) {
    public AppDemand {
        Objects.requireNonNull(app, "app");
        constraints = Map.copyOf(constraints);
        if (instances < 0) {
            throw new IllegalArgumentException("app " + app + ": instances must be >= 0, got " + instances);
        }
        if (cpuMilli < 0 || memoryMb < 0) {
            throw new IllegalArgumentException("app " + app + ": nutrients must be >= 0, got cpu_milli=" + cpuMilli + " memory_mb=" + memoryMb);
        }
    }
}
