package io.mycelium.fabric.state;

/**
 * What offering a record to a {@link StateStore} did. {@code reason} says why for refusals.
 */
public record MergeOutcome(Kind kind, String reason) {
    public enum Kind {
        /** New to this node, stored and announced to listeners. */
        APPLIED,
        /** Exactly the record already held. */
        DUPLICATE,
        /** Older than the record held (normal in gossip). */
        STALE,
        /** An operator record with a lower revision than the held one: refused, no rollback. */
        ROLLBACK,
        /** An operator record without a signature. */
        UNSIGNED,
        /** An operator record whose signature is bad or by an untrusted key. */
        FORGED,
        /** A payload that does not parse as its kind. */
        MALFORMED
    }

    static final MergeOutcome APPLIED = new MergeOutcome(Kind.APPLIED, "");
    static final MergeOutcome DUPLICATE = new MergeOutcome(Kind.DUPLICATE, "");
    static final MergeOutcome STALE = new MergeOutcome(Kind.STALE, "");

    public boolean applied() {
        return kind == Kind.APPLIED;
    }

    public boolean refused() {
        return kind.ordinal() >= Kind.ROLLBACK.ordinal();
    }
}
