package io.mycelium.fabric.placement;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * What one app's plan asks of placement.
 *
 * @param app         the app name
 * @param slots       the slot numbers it asks for: 0 .. instances-1 for a plain plan; during a
 *                    rollout the slots that the revisions' instances occupy (see
 *                    {@code io.mycelium.fabric.update.RevisionSlots})
 * @param cpuMilli    each instance's CPU need (the manifest's nutrients)
 * @param memoryMb    each instance's memory need
 * @param constraints node labels that a node must carry to run it
 */
public record AppDemand(String app, SortedSet<Integer> slots, long cpuMilli, long memoryMb, Map<String, String> constraints) {
    public AppDemand {
        Objects.requireNonNull(app, "app");
        constraints = Map.copyOf(constraints);
        slots = Collections.unmodifiableSortedSet(new TreeSet<>(slots));
        if (!slots.isEmpty() && slots.first() < 0) {
            throw new IllegalArgumentException("app " + app + ": slot numbers must be >= 0, got " + slots.first());
        }
        if (cpuMilli < 0 || memoryMb < 0) {
            throw new IllegalArgumentException("app " + app + ": nutrients must be >= 0, got cpu_milli=" + cpuMilli + " memory_mb=" + memoryMb);
        }
    }

    /** Slots 0 .. instances-1. */
    public AppDemand(String app, int instances, long cpuMilli, long memoryMb, Map<String, String> constraints) {
        this(app, range(app, instances), cpuMilli, memoryMb, constraints);
    }

    private static SortedSet<Integer> range(String app, int instances) {
        if (instances < 0) {
            throw new IllegalArgumentException("app " + app + ": instances must be >= 0, got " + instances);
        }
        TreeSet<Integer> out = new TreeSet<>();
        for (int i = 0; i < instances; i++) {
            out.add(i);
        }
        return out;
    }

    /** How many slots it asks for. */
    public int instances() {
        return slots.size();
    }
}
