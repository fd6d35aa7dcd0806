package io.mycelium.agent.port;

/** A port cannot be used: another process listens on it, it is already allocated, or the range is exhausted. */
public final class PortInUseException extends Exception {
    private static final long serialVersionUID = 1L;

    public PortInUseException(String message) {
        super(message);
    }
}
