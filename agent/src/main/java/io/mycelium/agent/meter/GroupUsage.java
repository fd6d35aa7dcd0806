package io.mycelium.agent.meter;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * What every process group of interest uses now, from one scan of /proc: CPU time (user + system,
 * with reaped children's) and resident memory, summed over the group's processes. A group is an
 * instance (the driver starts each in its own group, pid = pgid), so its children count too.
 */
final class GroupUsage {
    /** Linux's USER_HZ: /proc reports CPU times in these ticks on every common architecture. */
    private static final long TICKS_PER_SECOND = 100;
    private static final long PAGE_BYTES = 4096;

    /** One group's figures. */
    record Reading(long cpuMillis, long rssMb) {
    }

    private final Path proc;

    GroupUsage(Path proc) {
        this.proc = proc;
    }

    /** The readings of the groups in {@code pgids} that have a process; a group with none is absent. */
    Map<Long, Reading> read(Set<Long> pgids) {
        Map<Long, long[]> sums = new HashMap<>();
        if (pgids.isEmpty()) {
            return Map.of();
        }
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(proc, p -> isPid(p.getFileName().toString()))) {
            for (Path dir : dirs) {
                long[] f = fields(dir.resolve("stat"));
                if (f != null && pgids.contains(f[0])) {
                    long[] s = sums.computeIfAbsent(f[0], k -> new long[2]);
                    s[0] += f[1];
                    s[1] += f[2];
                }
            }
        } catch (IOException e) {
            return Map.of();
        }
        Map<Long, Reading> out = new HashMap<>();
        sums.forEach((pgid, s) -> out.put(pgid, new Reading(s[0] * 1000 / TICKS_PER_SECOND, s[1] * PAGE_BYTES / (1024 * 1024))));
        return out;
    }

    private static boolean isPid(String name) {
        return !name.isEmpty() && name.chars().allMatch(Character::isDigit);
    }

    /** {pgrp, utime+stime+cutime+cstime, rss pages} of one /proc/PID/stat, or null if it is gone or unreadable. */
    static long[] fields(Path stat) {
        String text;
        try {
            text = Files.readString(stat);
        } catch (IOException e) {
            return null;
        }
        return parse(text);
    }

    static long[] parse(String text) {
        int close = text.lastIndexOf(')');
        if (close < 0) {
            return null;
        }
        String[] f = text.substring(close + 2).trim().split(" ");
        // f[0] is field 3 (state): pgrp is field 5, utime..cstime fields 14-17, rss field 24
        if (f.length < 22) {
            return null;
        }
        try {
            long cpu = Long.parseLong(f[11]) + Long.parseLong(f[12]) + Long.parseLong(f[13]) + Long.parseLong(f[14]);
            return new long[] {Long.parseLong(f[2]), cpu, Long.parseLong(f[21])};
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
