package io.mycelium.agent.cgroup;

/**
 * Limits for one instance; 0 means no limit.
 *
 * @param cpuMilli thousandths of a CPU (1000 = one full core)
 * @param memoryMb memory in MiB
 */
public record ResourceLimits(int cpuMilli, int memoryMb) {
    public static final ResourceLimits NONE = new ResourceLimits(0, 0);

    public ResourceLimits {
        if (cpuMilli < 0 || memoryMb < 0) {
            throw new IllegalArgumentException("limits: cpu_milli " + cpuMilli + " and memory_mb " + memoryMb + " must be >= 0");
        }
    }
}
