package io.mycelium.agent.daemon;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** What this host offers, when the config does not say: processors x 1000 millicores, MemTotal in MiB. */
final class HostCapacity {
    private HostCapacity() {
    }

    static long cpuMilli() {
        return Runtime.getRuntime().availableProcessors() * 1000L;
    }

    static long memoryMb() {
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
