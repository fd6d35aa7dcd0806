package io.mycelium.cli.api;

import io.mycelium.spore.key.SigningKey;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The operator's {@code --key} that signs what a command submits; added as a {@code @Mixin}. */
public final class OperatorKey {
    @Option(names = "--key", required = true, paramLabel = "FILE",
            description = "The operator's private key (PEM) that signs what this command submits.")
    Path key;

    public Path path() {
        return key;
    }

    public SigningKey signer() {
        return SigningKey.read(key);
    }
}
