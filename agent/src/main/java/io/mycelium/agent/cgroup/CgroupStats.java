package io.mycelium.agent.cgroup;

/**
 * What one instance's cgroup reports it used: the kernel's own accounting of the whole tree,
 * children that left the process group included.
 *
 * @param cpuMicros   CPU time used (v2 {@code cpu.stat usage_usec}); -1 where the hierarchy does not
 *                    count it (v1 without a cpuacct group: the meter reads /proc for CPU then)
 * @param memoryBytes memory charged now ({@code memory.current}, v1 {@code memory.usage_in_bytes})
 * @param peakBytes   the most it was charged ({@code memory.peak}, v1 {@code memory.max_usage_in_bytes}); 0 if unknown
 * @param oomKills    processes the kernel killed in it for want of memory ({@code memory.events oom_kill},
 *                    v1 {@code memory.oom_control oom_kill})
 */
public record CgroupStats(long cpuMicros, long memoryBytes, long peakBytes, long oomKills) {
    public boolean countsCpu() {
        return cpuMicros >= 0;
    }

    /** The value of {@code key} in a flat-keyed cgroup file ({@code "usage_usec 123\n..."}), or -1. */
    static long keyed(String text, String key) {
        for (String line : text.split("\n")) {
            String[] kv = line.trim().split("\\s+");
            if (kv.length == 2 && kv[0].equals(key)) {
                try {
                    return Long.parseLong(kv[1]);
                } catch (NumberFormatException e) {
                    return -1;
                }
            }
        }
        return -1;
    }
}
