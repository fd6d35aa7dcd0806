/**
 * Instance log files. Workloads append to {@code stdout.log} and {@code stderr.log} directly; the
 * agent rotates them by size with copy-truncate ({@link io.mycelium.agent.logs.LogRotator}, since it
 * cannot make the workload reopen its files) and reads them back for {@code mesh logs}: the last
 * lines ({@link io.mycelium.agent.logs.LogTail}) and new lines as they come
 * ({@link io.mycelium.agent.logs.LogFollower}).
 */
package io.mycelium.agent.logs;
