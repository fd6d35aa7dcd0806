package io.mycelium.cli.spore;

import java.nio.file.Path;

import io.mycelium.spore.key.TrustStore;
import picocli.CommandLine.Option;

/** {@code --trust DIR} (required), for the commands that verify a spore: a picocli mixin. */
public final class TrustOption {
    @Option(names = "--trust", required = true, paramLabel = "DIR", description = "Trust store: a directory of trusted publisher *.pub keys.")
    Path dir;

    /** The trust store; an empty one is refused with a hint ({@link Trust#load}). */
    public TrustStore load() {
        return Trust.load(dir);
    }
}
