package io.mycelium.cli.rollout;

import io.mycelium.spore.key.SigningKey;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The operator key that signs a rollout command (and the plan it updates), and the note kept with it. */
public final class OperatorSigning {
    @Option(names = "--key", required = true, paramLabel = "FILE",
            description = "The operator's private key (PEM) that signs the command (and the plan, for start and undo).")
    Path key;

    @Option(names = "--note", paramLabel = "TEXT", description = "Why, for the history and the other operators.")
    String note = "";

    SigningKey signer() {
        return SigningKey.read(key);
    }
}
