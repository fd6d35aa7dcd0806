package io.mycelium.spore.verify;

import java.nio.file.Path;
import java.util.Objects;

import io.mycelium.spore.key.TrustStore;

/**
 * Verifies spores: the envelope's signature against a trust store, every entry against the signed
 * manifest, and the archive's structure. Thread-safe.
 */
public final class SporeVerifier {
    private final SporeReader reader;

    public SporeVerifier(SporeLimits limits) {
        this.reader = new SporeReader(limits);
    }

    public SporeVerifier() {
        this(SporeLimits.DEFAULT);
    }

    /** Verifies {@code spore} with the default limits. */
    public static VerifiedSpore verify(Path spore, TrustStore trust) throws SporeRejectedException {
        return new SporeVerifier().check(spore, trust);
    }

    /**
     * Reads a spore's manifest, claimed signers and digest WITHOUT trusting anything (for
     * {@code mesh spore inspect}). Rejected only if the envelope or manifest cannot be read.
     */
    public static SporeInfo inspect(Path spore) throws SporeRejectedException {
        return new SporeReader().inspect(spore);
    }

    /** Verifies {@code spore} with this verifier's limits. */
    public VerifiedSpore check(Path spore, TrustStore trust) throws SporeRejectedException {
        Objects.requireNonNull(spore, "spore");
        return reader.read(spore, trust, null);
    }
}
