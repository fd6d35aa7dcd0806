/**
 * Running workloads as plain OS processes. A {@link io.mycelium.agent.driver.ProcessDriver} launches
 * an instance in its own session and process group (and, where the host allows, its own cgroup),
 * with a clean environment, its output appended straight to log files, and, when the agent is
 * root, as an unprivileged user; it also re-attaches to a process started by an earlier agent when
 * its pid and start time (from {@code /proc/<pid>/stat}) still match. Signals always go to the
 * whole group, so a workload's children never outlive it.
 */
package io.mycelium.agent.driver;
