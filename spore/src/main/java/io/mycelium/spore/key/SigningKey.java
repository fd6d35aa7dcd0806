package io.mycelium.spore.key;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Objects;

import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.edec.EdECObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;

/** An Ed25519 private key: signs spores and operator records. Immutable and thread-safe. */
public final class SigningKey {
    static final String PEM_TYPE = "PRIVATE KEY";

    private final Ed25519PrivateKeyParameters params;
    private final VerifyingKey verifyingKey;

    private SigningKey(Ed25519PrivateKeyParameters params) {
        this.params = Objects.requireNonNull(params, "params");
        this.verifyingKey = VerifyingKey.fromRaw(params.generatePublicKey().getEncoded());
    }

    /** A fresh key from the system's strong random source. */
    public static SigningKey generate() {
        return new SigningKey(new Ed25519PrivateKeyParameters(new SecureRandom()));
    }

    /** A key from its 32-byte seed (tests and fixtures). */
    public static SigningKey fromSeed(byte[] seed) {
        Objects.requireNonNull(seed, "seed");
        if (seed.length != Ed25519PrivateKeyParameters.KEY_SIZE) {
            throw new KeyFormatException("an Ed25519 private key seed is 32 bytes, got " + seed.length);
        }
        return new SigningKey(new Ed25519PrivateKeyParameters(seed, 0));
    }

    /** Parses a PKCS#8 PEM (openssl's format); {@code source} names it in errors. */
    public static SigningKey parsePem(String pem, String source) {
        byte[] der = Pem.read(pem, PEM_TYPE, source);
        try {
            PrivateKeyInfo info = PrivateKeyInfo.getInstance(der);
            if (!EdECObjectIdentifiers.id_Ed25519.equals(info.getPrivateKeyAlgorithm().getAlgorithm())) {
                throw new KeyFormatException(source + ": not an Ed25519 key (algorithm " + info.getPrivateKeyAlgorithm().getAlgorithm() + ")");
            }
            byte[] seed = ASN1OctetString.getInstance(info.parsePrivateKey()).getOctets();
            return fromSeed(seed);
        } catch (KeyFormatException e) {
            throw new KeyFormatException(source + ": " + e.getMessage(), e);
        } catch (IOException | RuntimeException e) {
            throw new KeyFormatException(source + ": malformed private key (" + e.getMessage() + ")", e);
        }
    }

    /** Reads a private key PEM file. */
    public static SigningKey read(Path file) {
        return parsePem(Pem.readFile(file), file.toString());
    }

    public KeyId id() {
        return verifyingKey.id();
    }

    public VerifyingKey verifyingKey() {
        return verifyingKey;
    }

    /** The 64-byte Ed25519 signature of {@code message}. */
    public byte[] sign(byte[] message) {
        Ed25519Signer signer = new Ed25519Signer();
        signer.init(true, params);
        signer.update(message, 0, message.length);
        return signer.generateSignature();
    }

    /** PKCS#8 PEM (version 1, the 32-byte seed in an OCTET STRING), as openssl writes it. */
    public String toPem() {
        try {
            PrivateKeyInfo info = new PrivateKeyInfo(new AlgorithmIdentifier(EdECObjectIdentifiers.id_Ed25519), new DEROctetString(params.getEncoded()));
            return Pem.write(PEM_TYPE, info.getEncoded());
        } catch (IOException e) {
            throw new IllegalStateException("encoding a private key failed", e);
        }
    }

    /**
     * Writes {@code dir/name.key} (owner-only permissions where the file system has them) and
     * {@code dir/name.pub}. Refuses to overwrite an existing key.
     */
    public void writePair(Path dir, String name) throws IOException {
        Objects.requireNonNull(dir, "dir");
        if (name == null || !name.matches("[A-Za-z0-9._-]{1,64}") || name.startsWith(".")) {
            throw new IllegalArgumentException("key name '" + name + "' must be 1-64 letters, digits, '.', '_' or '-', not starting with '.'");
        }
        Files.createDirectories(dir);
        Path key = dir.resolve(name + ".key");
        Path pub = dir.resolve(name + ".pub");
        for (Path p : new Path[] {key, pub}) {
            if (Files.exists(p)) {
                throw new IOException(p + " already exists; choose another --name or remove it first");
            }
        }
        Files.writeString(key, "", StandardCharsets.US_ASCII, StandardOpenOption.CREATE_NEW);
        try {
            Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException ignored) {
            // not a POSIX file system: the platform's default permissions apply
        }
        Files.writeString(key, toPem(), StandardCharsets.US_ASCII, StandardOpenOption.TRUNCATE_EXISTING);
        Files.writeString(pub, verifyingKey.toPem(), StandardCharsets.US_ASCII, StandardOpenOption.CREATE_NEW);
    }

    @Override
    public String toString() {
        return "SigningKey[" + id().shortForm() + "]";
    }
}
