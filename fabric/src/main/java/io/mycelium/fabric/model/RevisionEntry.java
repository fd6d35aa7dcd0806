package io.mycelium.fabric.model;

import io.mycelium.spore.digest.Digest;
import java.util.Objects;

/**
 * One revision in an app's rollout history: the spore digest, its manifest version, the key id of
 * the operator who started the rollout to it, when (millis), and how that rollout ended.
 */
public record RevisionEntry(Digest digest, String version, String signer, long atMs, Outcome outcome) {
    public enum Outcome {
        /** The rollout to it has not ended (the head of the history only). */
        IN_PROGRESS,
        /** It became the stable revision. */
        COMPLETED,
        /** Aborted: traffic went back to the stable revision. */
        ABORTED,
        /** Completed or promoted, then an undo went back from it. */
        UNDONE,
        /** A new rollout started before this one ended. */
        SUPERSEDED
    }

    public RevisionEntry {
        Objects.requireNonNull(digest, "digest");
        version = version == null ? "" : version;
        signer = signer == null ? "" : signer;
        Checks.nonNegative("at_ms", atMs);
        Objects.requireNonNull(outcome, "outcome");
    }

    public RevisionEntry withOutcome(Outcome o) {
        return new RevisionEntry(digest, version, signer, atMs, o);
    }
}
