package io.mycelium.fabric.model;

/** A node's resources: total and free CPU (millicores) and memory (MiB). */
public record Capacity(long cpuMilliTotal, long cpuMilliFree, long memoryMbTotal, long memoryMbFree) {
    public Capacity {
        Checks.nonNegative("cpu_milli_total", cpuMilliTotal);
        Checks.nonNegative("cpu_milli_free", cpuMilliFree);
        Checks.nonNegative("memory_mb_total", memoryMbTotal);
        Checks.nonNegative("memory_mb_free", memoryMbFree);
        if (cpuMilliFree > cpuMilliTotal || memoryMbFree > memoryMbTotal) {
            throw new IllegalArgumentException("free capacity exceeds the total: cpu " + cpuMilliFree + "/" + cpuMilliTotal
                    + " milli, memory " + memoryMbFree + "/" + memoryMbTotal + " MiB");
        }
    }
}
