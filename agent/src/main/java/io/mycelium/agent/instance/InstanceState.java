package io.mycelium.agent.instance;

import java.util.EnumSet;
import java.util.Set;

/**
 * The lifecycle of one instance. The allowed moves are explicit; the supervisor refuses any other.
 *
 * <pre>
 * IDLE -> LAUNCHING -> READY -> DRAINING -> STOPPED
 *            |  ^        |
 *            v  |        v
 *   FAILED / CRASH_LOOP (exited, never healthy, liveness failed; waits its backoff, then LAUNCHING)
 * </pre>
 */
public enum InstanceState {
    /** Known, not started yet. */
    IDLE,
    /** Process started (or adopted), not yet healthy. */
    LAUNCHING,
    /** Healthy: its endpoint may be published. */
    READY,
    /** Being stopped: its endpoint must be withdrawn; TERM sent, KILL after the grace period. */
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
            case READY -> EnumSet.of(DRAINING, FAILED, CRASH_LOOP);
            case DRAINING -> EnumSet.of(STOPPED);
            case STOPPED -> EnumSet.noneOf(InstanceState.class);
            case FAILED -> EnumSet.of(LAUNCHING, CRASH_LOOP, DRAINING, STOPPED);
            case CRASH_LOOP -> EnumSet.of(LAUNCHING, FAILED, DRAINING, STOPPED);
        };
    }

    public boolean canMoveTo(InstanceState to) {
        return next().contains(to);
    }
}
