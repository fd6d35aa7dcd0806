package io.mycelium.cli.spore;

import java.nio.file.Path;

import io.mycelium.cli.MeshException;
import io.mycelium.spore.key.TrustStore;

/** Loads a trust store for a command, refusing an empty one with a hint. */
public final class Trust {
    private Trust() {
    }

    public static TrustStore load(Path dir) {
        TrustStore trust = TrustStore.load(dir);
        if (trust.isEmpty()) {
            throw MeshException.rejected(dir + ": trust store has no *.pub keys; copy the publisher's .pub key into it");
        }
        return trust;
    }
}
