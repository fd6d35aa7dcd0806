package io.mycelium.agent.cgroup;

/**
 * Limits for one instance; 0 means no limit.
 *
 * @param cpuMilli thousandths of a CPU (1000 = one full core)
 * @param memoryMb memory in MiB
 */
public record ResourceLimits(int cpuMilli, int memoryMb) {
    public static final ResourceLimits NONE = new ResourceLimits(0, 0);
    /**
     * The CPU a limited instance may use while it starts (one CPU), until it is Ready or its start
     * period is over: an interpreter or JVM start is CPU-bound, and 100 milli-CPUs would stretch a
     * 50 ms start to 500 ms. Only the CPU limit is raised; memory and pids limits hold from the start.
     */
    public static final int STARTUP_CPU_MILLI = 1000;

    public ResourceLimits {
        if (cpuMilli < 0 || memoryMb < 0) {
            throw new IllegalArgumentException("limits: cpu_milli " + cpuMilli + " and memory_mb " + memoryMb + " must be >= 0");
        }
    }

    /** These limits with the startup CPU allowance: the CPU limit raised to {@link #STARTUP_CPU_MILLI} if lower (0 stays none). */
    public ResourceLimits startup() {
        return cpuMilli > 0 && cpuMilli < STARTUP_CPU_MILLI ? new ResourceLimits(STARTUP_CPU_MILLI, memoryMb) : this;
    }
}
