package io.mycelium.console.source;

import java.util.Objects;

/**
 * An operator record the console wants in the fabric, before signing: a Plan, Budget or
 * RolloutCommand payload for {@code app} at {@code revision}, ordered inside the revision by
 * {@code hlc}. The source signs it with the operator key and submits it.
 */
public record OperatorChange(String app, Object payload, long revision, long hlc) {
    public OperatorChange {
        Objects.requireNonNull(app, "app");
        Objects.requireNonNull(payload, "payload");
        if (revision < 1) {
            throw new IllegalArgumentException("operator change of " + app + ": revision " + revision + " is below 1");
        }
    }
}
