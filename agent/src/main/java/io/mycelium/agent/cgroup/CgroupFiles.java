package io.mycelium.agent.cgroup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;

/** Reading and writing cgroup interface files. */
final class CgroupFiles {
    private CgroupFiles() {
    }

    static Set<Long> readPids(Path procs) {
        Set<Long> pids = new TreeSet<>();
        try {
            for (String line : Files.readAllLines(procs)) {
                if (!line.isBlank()) {
                    pids.add(Long.parseLong(line.trim()));
                }
            }
        } catch (NoSuchFileException e) {
            return pids;
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + procs + ": " + e.getMessage(), e);
        }
        return pids;
    }

    /** The number a one-value file holds ("max" and a missing file: {@code otherwise}). */
    static long readLong(Path file, long otherwise) throws IOException {
        if (!Files.exists(file)) {
            return otherwise;
        }
        String text = Files.readString(file).trim();
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            return otherwise;
        }
    }

    static void write(Path file, String value) throws IOException {
        Files.writeString(file, value);
    }

    static void kill(Set<Long> pids) {
        for (long pid : pids) {
            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
        }
    }

    static void rmdir(Path dir) throws IOException {
        try {
            Files.deleteIfExists(dir);
        } catch (IOException e) {
            throw new IOException("cannot remove cgroup " + dir + ": " + e.getMessage()
                    + " (processes still inside?)", e);
        }
    }
}
