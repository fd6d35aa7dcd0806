package io.mycelium.spore.verify;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A spore that must not be run. The message is one line: the spore file, then the reason in words
 * (for example {@code "app.spore: entry bin/app: sha256 differs from the manifest"}).
 */
public final class SporeRejectedException extends Exception {
    private static final long serialVersionUID = 1L;

    private final RejectReason reason;
    private final transient Path spore;

    public SporeRejectedException(Path spore, RejectReason reason, String detail) {
        this(spore, reason, detail, null);
    }

    public SporeRejectedException(Path spore, RejectReason reason, String detail, Throwable cause) {
        super(spore + ": " + detail, cause);
        this.reason = Objects.requireNonNull(reason, "reason");
        this.spore = spore;
    }

    public RejectReason reason() {
        return reason;
    }

    public Path spore() {
        return spore;
    }
}
