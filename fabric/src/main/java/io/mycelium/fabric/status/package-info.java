/**
 * The read-only status documents of one member ({@code /v1/nodes}, {@code /v1/state}), defined once
 * here and served by the bare member ({@link io.mycelium.fabric.status.StatusServer}, JDK HTTP server,
 * run by {@link io.mycelium.fabric.daemon.MemberDaemon}) and by the agent.
 */
package io.mycelium.fabric.status;
