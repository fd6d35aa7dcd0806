package io.mycelium.spore.sign;

import java.util.Objects;

/**
 * One DSSE signature: the signer's key id (a hint that names the trusted key to check against) and
 * the 64-byte Ed25519 signature of the PAE.
 *
 * @param keyid the signer's {@link io.mycelium.spore.key.KeyId} in hex
 * @param sig   the raw signature bytes
 */
public record Signature(String keyid, byte[] sig) {
    public Signature {
        Objects.requireNonNull(keyid, "keyid");
        Objects.requireNonNull(sig, "sig");
        sig = sig.clone();
    }

    @Override
    public byte[] sig() {
        return sig.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Signature other && keyid.equals(other.keyid) && java.util.Arrays.equals(sig, other.sig);
    }

    @Override
    public int hashCode() {
        return keyid.hashCode() * 31 + java.util.Arrays.hashCode(sig);
    }
}
