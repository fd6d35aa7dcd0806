package io.mycelium.agent.daemon;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What this host offers to instances when the config does not say ({@code --cpu-milli},
 * {@code --memory-mb} set it outright): the host's processors x 1000 millicores and its MemTotal,
 * minus a reserve for the agent itself and the system: by default 10% of each, at least 250
 * millicores and 256 MiB, never more than half; {@code --reserve-cpu}/{@code --reserve-memory}
 * set the reserve instead.
 */
final class HostCapacity {
    static final long MIN_CPU_RESERVE = 250;
    static final long MIN_MEMORY_RESERVE_MB = 256;

    private HostCapacity() {
    }

    static long cpuMilli() {
        return cpuMilli(null);
    }

    static long memoryMb() {
        return memoryMb(null);
    }

    /** The host's millicores less {@code reserve} (null: the default reserve). */
    static long cpuMilli(Long reserve) {
        return offered("reserve_cpu_milli", "millicores", Runtime.getRuntime().availableProcessors() * 1000L, reserve, MIN_CPU_RESERVE);
    }

    /** The host's MiB less {@code reserve} (null: the default reserve). */
    static long memoryMb(Long reserve) {
        return offered("reserve_memory_mb", "MiB", hostMemoryMb(), reserve, MIN_MEMORY_RESERVE_MB);
    }

    /** {@code total} less the operator's {@code reserve}, or less the default one; a reserve that leaves nothing is refused. */
    static long offered(String name, String unit, long total, Long reserve, long minReserve) {
        if (reserve == null) {
            return allocatable(total, minReserve);
        }
        if (reserve >= total) {
            throw new IllegalArgumentException(name + " " + reserve + " leaves nothing of this host's " + total + " " + unit
                    + " for instances: give a smaller reserve (or leave it out for 10%)");
        }
        return total - reserve;
    }

    /** {@code total} less the reserve: 10% of it, at least {@code minReserve}, at most half. */
    static long allocatable(long total, long minReserve) {
        long reserve = Math.min(total / 2, Math.max(minReserve, total / 10));
        return total - reserve;
    }

    private static long hostMemoryMb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (line.startsWith("MemTotal:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            // fall through
        }
        return Runtime.getRuntime().maxMemory() / (1024 * 1024);
    }
}
