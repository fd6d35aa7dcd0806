package io.mycelium.cli.rollout;

import io.mycelium.cli.api.OperatorKey;
import io.mycelium.spore.key.SigningKey;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The operator key that signs a rollout command (and the plan it updates, for start and undo), and the note kept with it. */
public final class OperatorSigning {
    @Mixin
    OperatorKey key;

    @Option(names = "--note", paramLabel = "TEXT", description = "Why, for the history and the other operators.")
    String note = "";

    SigningKey signer() {
        return key.signer();
    }
}
