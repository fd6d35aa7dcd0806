package io.mycelium.fabric.model;

import java.util.EnumSet;
import java.util.Set;

/**
 * The lifecycle of one instance, the one enum every module uses (the agent's supervisor, the
 * fabric's instance records, the update step, the consoles). The allowed moves are explicit; the
 * supervisor refuses any other.
 *
 * <pre>
 * IDLE -> LAUNCHING -> READY -> DRAINING -> STOPPED
 *            |  ^  ^     |
 *            |  |  +-----+ (restarted in place on an operator's request)
 *            v  |        v
 *   FAILED / CRASH_LOOP (exited, never healthy, liveness failed; waits its backoff, then LAUNCHING)
 * </pre>
 */
public enum InstanceState {
    /** Known, not started yet (for example while its spore is fetched). */
    IDLE,
    /** Process started (or adopted), not yet healthy. */
    LAUNCHING,
    /** Healthy: its endpoint may be published. */
    READY,
    /** Being stopped: its endpoint is withdrawn or DRAINING; TERM sent, KILL after the grace period. */
    DRAINING,
    /** Gone, with its whole process group. Final. */
    STOPPED,
    /** Not running: it exited or failed its checks and waits to be restarted, or cannot be started at all. */
    FAILED,
    /** Failed repeatedly within the crash-loop window; still restarted, at growing intervals. */
    CRASH_LOOP;

    /** The states this one may move to. */
    public Set<InstanceState> next() {
        return switch (this) {
            case IDLE -> EnumSet.of(LAUNCHING, DRAINING, STOPPED, FAILED);
            case LAUNCHING -> EnumSet.of(READY, FAILED, CRASH_LOOP, DRAINING);
            case READY -> EnumSet.of(DRAINING, FAILED, CRASH_LOOP, LAUNCHING);
            case DRAINING -> EnumSet.of(STOPPED);
            case STOPPED -> EnumSet.noneOf(InstanceState.class);
            case FAILED -> EnumSet.of(LAUNCHING, CRASH_LOOP, DRAINING, STOPPED);
            case CRASH_LOOP -> EnumSet.of(LAUNCHING, FAILED, DRAINING, STOPPED);
        };
    }

    public boolean canMoveTo(InstanceState to) {
        return next().contains(to);
    }

    /** Still present and not on its way out: it holds its slot (and its nutrients) on its node. */
    public boolean active() {
        return this == IDLE || this == LAUNCHING || this == READY || this == FAILED || this == CRASH_LOOP;
    }
}
