package io.mycelium.fabric.membership;

/** A member's status as this node sees it. */
public enum MemberStatus {
    /** Answers failure-detector probes. */
    ALIVE,
    /** Announced that it is leaving. */
    LEAVING,
    /** Removed: crashed, unreachable or left. */
    DEAD
}
