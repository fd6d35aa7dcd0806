package io.mycelium.agent.daemon;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What this host offers to instances when the config does not say ({@code --cpu-milli},
 * {@code --memory-mb} set it outright): the host's processors x 1000 millicores and its MemTotal,
 * minus a reserve for the agent itself and the system: 10% of each, at least 250 millicores and
 * 256 MiB, never more than half.
 */
final class HostCapacity {
    static final long MIN_CPU_RESERVE = 250;
    static final long MIN_MEMORY_RESERVE_MB = 256;

    private HostCapacity() {
    }

    static long cpuMilli() {
        return allocatable(Runtime.getRuntime().availableProcessors() * 1000L, MIN_CPU_RESERVE);
    }

    static long memoryMb() {
        return allocatable(hostMemoryMb(), MIN_MEMORY_RESERVE_MB);
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
