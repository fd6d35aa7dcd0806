/**
 * Per-instance launch timeline for performance work: the agent marks each hop of an instance's
 * way from decision to published Ready endpoint (decided, prepared, launch started, process
 * started, probes, state saved, Ready, endpoint published) with a wall-clock timestamp, printed
 * only when the JVM runs with {@code -Dmycelium.agent.hops=true}, so that a benchmark can line
 * the hops up with its own submit time. Off by default, and then it costs one branch per mark.
 */
package io.mycelium.agent.trace;
