package io.mycelium.agent.driver;

/** The signals the agent sends to a workload's process group. */
public enum Signal {
    /** Asks the workload to shut down; it has a grace period to do so. */
    TERM,
    /** Ends the workload when the grace period is over. */
    KILL
}
