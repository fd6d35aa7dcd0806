package io.mycelium.fabric.placement;

import java.util.Map;
import java.util.Objects;

/**
 * A node that may run instances: a live agent with its labels and allocatable capacity.
 *
 * @param nodeId   the node's id
 * @param labels   node labels that plans' constraints match against
 * @param cpuMilli allocatable CPU in thousandths of a core
 * @param memoryMb allocatable memory in MiB
 */
public record NodeCandidate(String nodeId, Map<String, String> labels, long cpuMilli, long memoryMb) {
    public NodeCandidate {
        Objects.requireNonNull(nodeId, "nodeId");
        labels = Map.copyOf(labels);
        if (cpuMilli < 0 || memoryMb < 0) {
            throw new IllegalArgumentException("node " + nodeId + ": capacity must be >= 0, got cpu_milli=" + cpuMilli + " memory_mb=" + memoryMb);
        }
    }

    /** True when every constraint label is present on this node with the same value. */
    boolean matches(Map<String, String> constraints) {
        for (Map.Entry<String, String> c : constraints.entrySet()) {
            if (!c.getValue().equals(labels.get(c.getKey()))) {
                return false;
            }
        }
        return true;
    }
}
