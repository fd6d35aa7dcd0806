package io.mycelium.edge.testing;

import java.io.IOException;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A throw-away certificate authority for tests: EC P-256 keys, leaf certificates for given DNS
 * names written as PEM files, and a client {@link SSLContext} that trusts only this authority.
 */
public final class TestCertificates {

    private static final AtomicLong SERIAL = new AtomicLong(System.nanoTime());
    private final KeyPair caKey;
    private final X509Certificate ca;

    public TestCertificates() throws Exception {
        caKey = ecKey();
        X500Name name = new X500Name("CN=mycelium test CA");
        JcaX509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(name, BigInteger.valueOf(SERIAL.incrementAndGet()),
                new Date(System.currentTimeMillis() - 60_000), new Date(System.currentTimeMillis() + 86_400_000L), name,
                caKey.getPublic());
        b.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
        ca = new JcaX509CertificateConverter().getCertificate(b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(caKey.getPrivate())));
    }

    private static KeyPair ecKey() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        return g.generateKeyPair();
    }

    public X509Certificate ca() {
        return ca;
    }

    /** Writes the authority's certificate to {@code file} (for {@code curl --cacert}). */
    public Path writeCa(Path file) throws IOException {
        Files.writeString(file, pem(ca));
        return file;
    }

    /** A leaf certificate for {@code names}, written to {@code cert} (chain: leaf, CA) and its key to {@code key}. */
    public X509Certificate issue(Path cert, Path key, String... names) throws Exception {
        KeyPair kp = ecKey();
        JcaX509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(new X500Name("CN=mycelium test CA"),
                BigInteger.valueOf(SERIAL.incrementAndGet()), new Date(System.currentTimeMillis() - 60_000),
                new Date(System.currentTimeMillis() + 86_400_000L), new X500Name("CN=" + names[0]), kp.getPublic());
        GeneralName[] alt = new GeneralName[names.length];
        for (int i = 0; i < names.length; i++) {
            alt[i] = new GeneralName(GeneralName.dNSName, names[i]);
        }
        b.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(alt));
        X509Certificate leaf = new JcaX509CertificateConverter().getCertificate(
                b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(caKey.getPrivate())));
        // written to a temp file and moved, as a certificate tool would, so a reload never sees half a file
        Path tmpCert = Files.createTempFile(cert.getParent(), ".cert", ".tmp");
        Files.writeString(tmpCert, pem(leaf) + pem(ca));
        Path tmpKey = Files.createTempFile(key.getParent(), ".key", ".tmp");
        Files.writeString(tmpKey, pem(new org.bouncycastle.util.io.pem.PemObject("PRIVATE KEY", kp.getPrivate().getEncoded())));
        Files.move(tmpKey, key, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        Files.move(tmpCert, cert, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        return leaf;
    }

    /** A client context that trusts this authority only. */
    public SSLContext clientContext() throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        ks.setCertificateEntry("ca", ca);
        TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX");
        tmf.init(ks);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, tmf.getTrustManagers(), null);
        return ctx;
    }

    static String pem(Object o) throws IOException {
        StringWriter w = new StringWriter();
        try (JcaPEMWriter p = new JcaPEMWriter(w)) {
            p.writeObject(o);
        }
        return w.toString();
    }
}
