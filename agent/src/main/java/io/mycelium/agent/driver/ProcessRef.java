package io.mycelium.agent.driver;

import java.util.Objects;
import java.util.Optional;

/**
 * What names a running instance's process across agent restarts.
 *
 * @param pid        the workload's pid (its session and group leader)
 * @param pgid       its process group (equal to pid, the driver starts each instance in a new session)
 * @param startTicks its start time from {@code /proc/<pid>/stat}; a reused pid has another one
 * @param cgroup     the cgroup's name under the driver's cgroup root, if it has one
 */
public record ProcessRef(long pid, long pgid, long startTicks, Optional<String> cgroup) {
    public ProcessRef {
        if (pid <= 1 || pgid <= 1) {
            throw new IllegalArgumentException("process ref: pid " + pid + " and pgid " + pgid + " must be > 1");
        }
        if (startTicks < 0) {
            throw new IllegalArgumentException("process ref: start ticks " + startTicks + " < 0");
        }
        Objects.requireNonNull(cgroup, "cgroup");
    }
}
