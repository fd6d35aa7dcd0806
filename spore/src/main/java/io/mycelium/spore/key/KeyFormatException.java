package io.mycelium.spore.key;

/** A key file or key bytes that are not a usable Ed25519 key; the message names the source. */
public final class KeyFormatException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public KeyFormatException(String message) {
        super(message);
    }

    public KeyFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
