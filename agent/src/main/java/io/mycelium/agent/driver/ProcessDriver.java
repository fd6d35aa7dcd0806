package io.mycelium.agent.driver;

import java.util.Optional;

/**
 * Starts workloads as OS processes and re-attaches to ones started before an agent restart.
 *
 * <p>Threading: implementations are thread-safe; {@link #launch} and {@link #adopt} may be called
 * from any thread and return without waiting for the workload to become healthy (they block only
 * for the short time it takes to create directories and fork). Nothing here retries; the
 * supervisor decides what happens next.
 */
public interface ProcessDriver {
    /**
     * Starts the instance in a new session and process group.
     *
     * @throws LaunchException with a one-line message naming the instance and the reason
     */
    RunningProcess launch(LaunchSpec spec) throws LaunchException;

    /**
     * Re-attaches to a process an earlier agent started, if its pid is alive AND has the recorded
     * start time; otherwise empty (the pid is gone or now names another process, which is never touched).
     */
    Optional<RunningProcess> adopt(ProcessRef ref);

    /**
     * Ends whatever is left of a process that could not be adopted: processes still in its cgroup,
     * or in its group and session. Used before starting a replacement.
     */
    void reapLeftovers(ProcessRef ref);
}
