package io.mycelium.agent.hyphae;

import io.mycelium.spore.key.SigningKey;
import java.io.IOException;
import java.io.StringReader;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.Objects;
import java.util.Optional;
import org.bouncycastle.asn1.edec.EdECObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.util.io.pem.PemReader;

/**
 * A node's identity on the hyphae overlay: its Ed25519 key (made on the node's first start, kept
 * in its data dir, owner-only) and a self-signed certificate of that key, which the overlay's
 * mutual TLS presents. The certificate carries no trust of its own (no CA signs it): a peer is
 * accepted because its certificate's key is the one its node published in its fabric record, and
 * the TLS handshake proves it holds the private half. Immutable and thread-safe.
 */
public final class NodeIdentity {
    private static final Duration VALIDITY = Duration.ofDays(3650);

    private final String node;
    private final SigningKey key;
    private final PrivateKey privateKey;
    private final X509Certificate certificate;

    private NodeIdentity(String node, SigningKey key) {
        this.node = Objects.requireNonNull(node, "node");
        this.key = Objects.requireNonNull(key, "key");
        try {
            this.privateKey = KeyFactory.getInstance("Ed25519").generatePrivate(new PKCS8EncodedKeySpec(pemContent(key.toPem())));
            PublicKey publicKey = publicKey(key.verifyingKey().raw());
            Instant now = Instant.now();
            X500NameBuilder name = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, node).addRDN(BCStyle.O, "mycelium hyphae");
            JcaX509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(name.build(), new BigInteger(64, new java.security.SecureRandom()),
                    Date.from(now.minus(Duration.ofDays(1))), Date.from(now.plus(VALIDITY)), name.build(), publicKey);
            this.certificate = new JcaX509CertificateConverter().getCertificate(b.build(new JcaContentSignerBuilder("Ed25519").build(privateKey)));
        } catch (GeneralSecurityException | OperatorCreationException | IOException e) {
            throw new IllegalStateException("node " + node + ": cannot make the hyphae certificate of its identity key: " + e.getMessage(), e);
        }
    }

    /** An identity for {@code node} from {@code key} (tests; agents use {@link #loadOrCreate}). */
    public static NodeIdentity of(String node, SigningKey key) {
        return new NodeIdentity(node, key);
    }

    /**
     * The identity kept at {@code dir/identity.key} (and {@code identity.pub}), made there on the
     * first call. A key file that does not parse fails naming it: the node would otherwise come
     * back as another identity that its peers do not know yet.
     */
    public static NodeIdentity loadOrCreate(String node, Path dir) throws IOException {
        Path file = dir.resolve("identity.key");
        if (!Files.exists(file)) {
            SigningKey.generate().writePair(dir, "identity");
        }
        return new NodeIdentity(node, SigningKey.read(file));
    }

    /** The node this identity is of. */
    public String node() {
        return node;
    }

    /** What the node publishes in its {@code hyphae} record: the raw public key in base64. */
    public String publicKey() {
        return Base64.getEncoder().encodeToString(key.verifyingKey().raw());
    }

    /**
     * A 32-byte secret for {@code purpose}, derived from the private key (SHA-256 of the purpose
     * and the key): stable across restarts, known only to this node.
     */
    byte[] derive(String purpose) {
        java.security.MessageDigest sha = io.mycelium.spore.digest.Digest.newSha256();
        sha.update(purpose.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        sha.update((byte) 0);
        sha.update(privateKey.getEncoded());
        return sha.digest();
    }

    PrivateKey privateKey() {
        return privateKey;
    }

    X509Certificate certificate() {
        return certificate;
    }

    /** The raw Ed25519 key of a certificate in base64, as nodes publish it; empty for any other kind of key. */
    static Optional<String> publicKeyOf(X509Certificate cert) {
        try {
            SubjectPublicKeyInfo info = SubjectPublicKeyInfo.getInstance(cert.getPublicKey().getEncoded());
            if (!EdECObjectIdentifiers.id_Ed25519.equals(info.getAlgorithm().getAlgorithm())) {
                return Optional.empty();
            }
            return Optional.of(Base64.getEncoder().encodeToString(info.getPublicKeyData().getOctets()));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    private static PublicKey publicKey(byte[] raw) throws GeneralSecurityException, IOException {
        byte[] spki = new SubjectPublicKeyInfo(new AlgorithmIdentifier(EdECObjectIdentifiers.id_Ed25519), raw).getEncoded();
        return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(spki));
    }

    private static byte[] pemContent(String pem) throws IOException {
        try (PemReader r = new PemReader(new StringReader(pem))) {
            return r.readPemObject().getContent();
        }
    }

    @Override
    public String toString() {
        return "NodeIdentity[" + node + ", " + key.id().shortForm() + "]";
    }
}
