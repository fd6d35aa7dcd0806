package io.mycelium.fabric.rollout;

import java.util.Locale;

/** Where an app's rollout is; see README.md for the diagram. */
public enum Phase {
    /** The current step's instances are starting, or the step is held for its duration. */
    PROGRESSING,
    /** An operator paused it: no step advances by itself (promote and abort still act). */
    PAUSED,
    /** The step is Ready and waits for an operator's promote (blue/green preview, a canary step without a duration). */
    WAITING_FOR_PROMOTE,
    /** The step's hold is over but analysis has too few requests to judge, and {@code on_no_data} is hold. */
    NO_DATA_HOLD,
    /** Traffic is switched to the new revision; waiting for every live router to report it with nothing in flight to the old one. */
    WAITING_FOR_SWITCH_BARRIER,
    /** Every router has switched; the old revision stays for the scale-down delay (undo is instant), then stops. */
    SCALING_DOWN,
    /** The new revision is the stable one; the old one is stopped. Also the state of an app without a managed rollout. */
    COMPLETED,
    /** Aborted (by an operator or a gate): traffic is back on the stable revision and the new one stops once every router has left it. */
    ABORTED,
    /** The plan names a revision that no rollout targets: the last rollout's outcome keeps serving until one is started. */
    WAITING_FOR_START;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The rollout has ended (or none is running): nothing moves by itself any more. */
    public boolean settled() {
        return this == COMPLETED || this == ABORTED || this == WAITING_FOR_START;
    }
}
