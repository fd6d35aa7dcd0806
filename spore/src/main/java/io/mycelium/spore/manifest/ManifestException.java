package io.mycelium.spore.manifest;

/** A manifest that cannot be read: the message names the source and what is wrong, in one line. */
public final class ManifestException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ManifestException(String message) {
        super(message);
    }

    public ManifestException(String message, Throwable cause) {
        super(message, cause);
    }
}
