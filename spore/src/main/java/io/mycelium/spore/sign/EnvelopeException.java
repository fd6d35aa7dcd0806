package io.mycelium.spore.sign;

/** Envelope bytes that are not a well-formed DSSE envelope; the message names the source and why. */
public final class EnvelopeException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public EnvelopeException(String message) {
        super(message);
    }

    public EnvelopeException(String message, Throwable cause) {
        super(message, cause);
    }
}
