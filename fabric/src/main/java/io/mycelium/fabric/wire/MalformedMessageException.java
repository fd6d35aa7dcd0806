package io.mycelium.fabric.wire;

/** A message that cannot be decoded; {@link #reason()} is the counter it is dropped under. */
public final class MalformedMessageException extends Exception {
    private final String reason;

    public MalformedMessageException(String reason, String message) {
        super(message);
        this.reason = reason;
    }

    public MalformedMessageException(String reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    /** One of malformed, truncated, oversized, replayed, wrong_key. */
    public String reason() {
        return reason;
    }
}
