package io.mycelium.spore.key;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Objects;

import org.bouncycastle.asn1.edec.EdECObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;

/** An Ed25519 public key: checks signatures. Immutable and thread-safe. */
public final class VerifyingKey {
    static final String PEM_TYPE = "PUBLIC KEY";

    private final Ed25519PublicKeyParameters params;
    private final KeyId id;

    private VerifyingKey(Ed25519PublicKeyParameters params) {
        this.params = Objects.requireNonNull(params, "params");
        this.id = KeyId.ofRawPublicKey(params.getEncoded());
    }

    /** A key from its raw 32 bytes. */
    public static VerifyingKey fromRaw(byte[] raw) {
        Objects.requireNonNull(raw, "raw");
        if (raw.length != Ed25519PublicKeyParameters.KEY_SIZE) {
            throw new KeyFormatException("an Ed25519 public key is 32 bytes, got " + raw.length);
        }
        return new VerifyingKey(new Ed25519PublicKeyParameters(raw, 0));
    }

    /** Parses a SubjectPublicKeyInfo PEM; {@code source} names it in errors. */
    public static VerifyingKey parsePem(String pem, String source) {
        byte[] der = Pem.read(pem, PEM_TYPE, source);
        try {
            SubjectPublicKeyInfo info = SubjectPublicKeyInfo.getInstance(der);
            if (!EdECObjectIdentifiers.id_Ed25519.equals(info.getAlgorithm().getAlgorithm())) {
                throw new KeyFormatException(source + ": not an Ed25519 key (algorithm " + info.getAlgorithm().getAlgorithm() + ")");
            }
            return fromRaw(info.getPublicKeyData().getOctets());
        } catch (KeyFormatException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new KeyFormatException(source + ": malformed public key (" + e.getMessage() + ")", e);
        }
    }

    /** Reads a public key PEM file. */
    public static VerifyingKey read(Path file) {
        return parsePem(Pem.readFile(file), file.toString());
    }

    public KeyId id() {
        return id;
    }

    /** The raw 32-byte key. */
    public byte[] raw() {
        return params.getEncoded();
    }

    /** True when {@code signature} is a valid Ed25519 signature of {@code message} by this key. */
    public boolean verify(byte[] message, byte[] signature) {
        if (signature == null || signature.length != Ed25519PublicKeyParameters.KEY_SIZE * 2) {
            return false;
        }
        Ed25519Signer verifier = new Ed25519Signer();
        verifier.init(false, params);
        verifier.update(message, 0, message.length);
        return verifier.verifySignature(signature);
    }

    /** SubjectPublicKeyInfo PEM, as openssl writes it. */
    public String toPem() {
        try {
            SubjectPublicKeyInfo info = new SubjectPublicKeyInfo(new AlgorithmIdentifier(EdECObjectIdentifiers.id_Ed25519), params.getEncoded());
            return Pem.write(PEM_TYPE, info.getEncoded());
        } catch (IOException e) {
            throw new IllegalStateException("encoding a public key failed", e);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof VerifyingKey other && Arrays.equals(raw(), other.raw());
    }

    @Override
    public int hashCode() {
        return id.hashCode();
    }

    @Override
    public String toString() {
        return "VerifyingKey[" + id.shortForm() + "]";
    }
}
