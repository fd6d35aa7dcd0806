package io.mycelium.console.model;

import java.util.Map;

/**
 * One member of the cluster.
 *
 * @param visible  whether the console sees it alive (false: suspected, gone, or across a partition)
 * @param ageMs    how long ago the newest record behind this row changed
 */
public record NodeRow(String cluster, String id, String role, String status, boolean visible, String apiUrl,
                      long cpuUsedMilli, long cpuTotalMilli, long memoryUsedMb, long memoryTotalMb,
                      int instances, int ready, Map<String, String> labels, long ageMs) {
    public NodeRow {
        labels = Map.copyOf(labels);
    }
}
