package io.mycelium.agent.fetch;

import java.util.Objects;

/** Why a spore could not be made ready to run on this node, in one line. */
public final class FetchException extends Exception {
    /** What went wrong. */
    public enum Kind {
        /** No live peer says it holds the digest (unknown digest, or not published yet). */
        NO_HOLDER,
        /** Not enough free disk for the spore. */
        DISK_FULL,
        /** The spore failed verification (signature, trust, digest, payload): it is never started. */
        REJECTED,
        /** Every holder failed to send it (connection, HTTP status, short body). */
        NETWORK
    }

    private final Kind kind;

    public FetchException(Kind kind, String message) {
        super(message);
        this.kind = Objects.requireNonNull(kind, "kind");
    }

    public FetchException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = Objects.requireNonNull(kind, "kind");
    }

    public Kind kind() {
        return kind;
    }
}
