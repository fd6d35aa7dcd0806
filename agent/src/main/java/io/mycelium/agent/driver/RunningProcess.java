package io.mycelium.agent.driver;

import java.io.UncheckedIOException;

import java.util.concurrent.CompletableFuture;

/**
 * One launched or adopted workload process and its group. Methods are safe to call from any thread.
 */
public interface RunningProcess {
    /** Its pid, group, start time and cgroup: what the agent persists to adopt it later. */
    ProcessRef ref();

    /** True while the leader runs (for an adopted process: the pid still has the recorded start time). */
    boolean isAlive();

    /**
     * Completes when the leader is seen to exit. For our own child that is at once, with its exit
     * code; for an adopted process it is when {@link #isAlive()} first finds it gone, so the
     * caller polls {@code isAlive()}.
     */
    CompletableFuture<ExitStatus> onExit();

    /** True if this process was started by an earlier agent and re-attached. */
    boolean adopted();

    /** Sends the signal to the whole process group (and to any process left in its cgroup). */
    void signalGroup(Signal signal);

    /** True while any member of the group, or any process in its cgroup, still runs. */
    boolean groupAlive();

    /** Removes what the process leaves behind once the group is gone (its cgroup). Idempotent. */
    void release();

    /** What its cgroup counted (CPU, memory, OOM kills); empty without a cgroup. */
    default java.util.Optional<io.mycelium.agent.cgroup.CgroupStats> cgroupStats() {
        return java.util.Optional.empty();
    }

    /**
     * Sets the CPU limit of its cgroup (milli-CPUs, 0 = none); nothing to do without a cgroup.
     *
     * @throws UncheckedIOException if the cgroup's limit cannot be written
     */
    default void limitCpu(int cpuMilli) {
    }
}
