/**
 * The read-only status documents of one member ({@code /v1/nodes}, {@code /v1/state}), defined once
 * here and served by the bare member ({@link io.mycelium.fabric.status.StatusServer}, JDK HTTP server)
 * and later by the agent; and {@link io.mycelium.fabric.status.MemberMain}, a runnable member.
 */
package io.mycelium.fabric.status;
