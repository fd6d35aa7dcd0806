package io.mycelium.agent.driver;

/**
 * A workload could not be started. The message names the instance and the reason in one line.
 * {@link #permanent()} is true when trying again cannot help (a missing executable); false when
 * it may (a port that is in use now).
 */
public final class LaunchException extends Exception {
    private static final long serialVersionUID = 1L;
    private final boolean permanent;

    public LaunchException(String message, boolean permanent) {
        super(message);
        this.permanent = permanent;
    }

    public LaunchException(String message, boolean permanent, Throwable cause) {
        super(message, cause);
        this.permanent = permanent;
    }

    public boolean permanent() {
        return permanent;
    }
}
