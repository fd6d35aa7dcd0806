package io.mycelium.client.plan;

import java.util.Objects;

/** A plan file that cannot be used, with a one-line message naming the file and what to change. */
public final class PlanFileException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Why the file cannot be used; front ends map {@link #NO_DIGEST} to a usage error. */
    public enum Reason {
        /** No such file, or it cannot be read. */
        UNREADABLE,
        /** Not JSON, not an object, or not a valid plan. */
        NOT_A_PLAN,
        /** Its {@code "spore"} is not a spore. */
        BAD_SPORE,
        /** It names neither a digest nor a spore, and none was given beside it. */
        NO_DIGEST
    }

    private final Reason reason;

    public PlanFileException(Reason reason, String message) {
        super(Objects.requireNonNull(message, "message"));
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    public Reason reason() {
        return reason;
    }
}
