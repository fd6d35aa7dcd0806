package io.mycelium.spore.store;

import java.io.IOException;

import io.mycelium.spore.digest.Digest;

/** A digest the store does not hold. */
public final class SporeNotFoundException extends IOException {
    private static final long serialVersionUID = 1L;

    public SporeNotFoundException(java.nio.file.Path repo, Digest digest) {
        super(repo + ": no spore " + digest + " (list them with 'mesh repo ls')");
    }
}
