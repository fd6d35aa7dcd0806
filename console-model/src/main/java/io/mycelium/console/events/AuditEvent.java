package io.mycelium.console.events;

import java.util.Objects;

/**
 * One thing that happened, as the console saw it.
 *
 * @param atMs     when the console saw it
 * @param cluster  the cluster it happened in
 * @param kind     what kind of change
 * @param subject  the app, instance or member it is about
 * @param text     one line saying what happened
 * @param signer   the operator key id (short form) that signed it; empty for node-owned changes
 * @param trust    whether that signature verifies
 */
public record AuditEvent(long atMs, String cluster, Kind kind, String subject, String text, String signer, Trust trust) {
    public enum Kind { MEMBER, INSTANCE, PLAN, ROLLOUT, BUDGET, PRICE, INTENTION, COMMAND }

    /** What the console knows of an operator record's signature. */
    public enum Trust {
        /** A node-owned change: nothing to verify. */
        NONE,
        /** Signed by a key in the operator trust store, and the signature verifies. */
        VERIFIED,
        /** The console has no operator trust store to check it against. */
        UNCHECKED,
        /** Unsigned, signed by an unknown key or with a bad signature. */
        FORGED
    }

    public AuditEvent {
        Objects.requireNonNull(cluster, "cluster");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(text, "text");
        signer = signer == null ? "" : signer;
        Objects.requireNonNull(trust, "trust");
    }

    /** Identifies the event in tables (selection, describe). */
    public String key() {
        return atMs + "/" + subject + "/" + text;
    }
}
