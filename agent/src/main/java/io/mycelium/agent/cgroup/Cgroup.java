package io.mycelium.agent.cgroup;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/** One instance's cgroup. Thread-safe. */
public interface Cgroup {
    /** Its name under the controller's root. */
    String name();

    /**
     * The {@code cgroup.procs} files a process writes its pid to in order to join (one per v1
     * hierarchy, one for v2). The driver's launcher joins before it executes the workload, so
     * every child the workload forks is inside from the start.
     */
    List<Path> procsFiles();

    /** The pids in the cgroup now. */
    Set<Long> pids();

    /** What the kernel counted for it, or empty if its files cannot be read (it is gone). */
    java.util.Optional<CgroupStats> stats();

    /** Sends KILL to every process in it. */
    void killAll();

    /**
     * Sets its CPU limit in milli-CPUs (0 = none). The driver launches with a startup allowance
     * ({@link ResourceLimits#startup()}); the supervisor brings it down to the instance's own limit
     * once it is Ready or its start period is over.
     */
    void limitCpu(int cpuMilli) throws IOException;

    /** Removes the cgroup; fails if processes are still in it. Does nothing if it is already gone. */
    void remove() throws IOException;
}
