package io.mycelium.edge.tls;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIMatcher;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;

/**
 * A listener's certificates from PEM files: one or more certificate chains with their keys, the
 * one for each connection chosen by the name the client asks for (SNI); a client that names none
 * gets the first, a client that names one no certificate carries is refused
 * ({@code unrecognized_name}). Keys are PKCS#8, PKCS#1 (RSA) or SEC1 (EC), unencrypted: RSA, EC
 * and Ed25519. A directory stands for every {@code NAME.crt} (or {@code NAME.pem}) in it with its
 * {@code NAME.key}. {@link #reloadIfChanged()} reads the files again when one changed (size,
 * time or the directory's list): connections accepted after it get the new certificates. A set
 * that does not load keeps the one in use. Thread-safe.
 */
public final class CertificateFiles implements ServerTls, Reloadable {

    private static final System.Logger LOG = System.getLogger(CertificateFiles.class.getName());
    private static final int MAX_PEM_BYTES = 1024 * 1024;

    /** A certificate chain file and its private key file. */
    public record Pair(Path cert, Path key) {
        public Pair {
            Objects.requireNonNull(cert, "cert");
            Objects.requireNonNull(key, "key");
        }
    }

    /** What was loaded: the context, its names (for the SNI check) and the files' state it came from. */
    private record Loaded(SSLContext context, List<SNIMatcher> matchers, List<Entry> entries, String stamp) {
    }

    /** One certificate chain with its key and the host names it is for. */
    record Entry(String source, X509Certificate[] chain, PrivateKey key, List<String> names) {
    }

    private final List<Path> sources;
    private final List<Pair> pairs;
    private final AtomicReference<Loaded> current = new AtomicReference<>();
    private volatile String lastSeen;

    private CertificateFiles(List<Path> directories, List<Pair> pairs) {
        this.sources = List.copyOf(directories);
        this.pairs = List.copyOf(pairs);
        Loaded first = load();
        current.set(first);
        lastSeen = first.stamp();
    }

    /**
     * Loads {@code certs} and {@code keys} as the {@code --tls-cert}/{@code --tls-key} flags give
     * them: each cert file with the key at the same position; a directory needs no key.
     *
     * @throws IllegalArgumentException naming the file and what is wrong with it
     */
    public static CertificateFiles load(List<Path> certs, List<Path> keys) {
        List<Path> dirs = new ArrayList<>();
        List<Path> files = new ArrayList<>();
        for (Path c : certs) {
            (Files.isDirectory(c) ? dirs : files).add(c);
        }
        if (files.size() != keys.size()) {
            throw new IllegalArgumentException(files.size() + " certificate file(s) and " + keys.size()
                    + " key file(s): give one --tls-key for each --tls-cert FILE (a --tls-cert DIR holds NAME.crt with NAME.key)");
        }
        if (dirs.isEmpty() && files.isEmpty()) {
            throw new IllegalArgumentException("no certificate: give --tls-cert FILE --tls-key FILE, or --tls-cert DIR");
        }
        List<Pair> pairs = new ArrayList<>();
        for (int i = 0; i < files.size(); i++) {
            pairs.add(new Pair(files.get(i), keys.get(i)));
        }
        return new CertificateFiles(dirs, pairs);
    }

    /** One certificate chain file and its key. */
    public static CertificateFiles of(Path cert, Path key) {
        return new CertificateFiles(List.of(), List.of(new Pair(cert, key)));
    }

    @Override
    public SSLEngine newEngine() {
        Loaded l = current.get();
        SSLEngine engine = l.context().createSSLEngine();
        engine.setUseClientMode(false);
        SSLParameters p = engine.getSSLParameters();
        p.setProtocols(new String[] {"TLSv1.3", "TLSv1.2"});
        p.setApplicationProtocols(new String[] {"http/1.1"});
        if (!l.matchers().isEmpty()) {
            p.setSNIMatchers(l.matchers());
        }
        engine.setSSLParameters(p);
        return engine;
    }

    /** The host names of the certificates in use, in order (the first is the default). */
    public List<List<String>> names() {
        return current.get().entries().stream().map(Entry::names).toList();
    }

    @Override
    public boolean reloadIfChanged() {
        String stamp = stamp();
        if (stamp.equals(lastSeen)) {
            return false;
        }
        lastSeen = stamp;
        try {
            Loaded fresh = load();
            current.set(fresh);
            LOG.log(System.Logger.Level.INFO, "edge TLS: certificates reloaded: " + describe(fresh));
            return true;
        } catch (IllegalArgumentException e) {
            LOG.log(System.Logger.Level.WARNING, "edge TLS: the changed certificate files do not load, keeping the ones in use: "
                    + e.getMessage());
            return false;
        }
    }

    private static String describe(Loaded l) {
        return l.entries().stream().map(e -> e.source() + " " + e.names()).collect(Collectors.joining(", "));
    }

    // ---- loading ----

    private List<Pair> allPairs() {
        List<Pair> all = new ArrayList<>(pairs);
        for (Path dir : sources) {
            all.addAll(directoryPairs(dir));
        }
        return all;
    }

    private static List<Pair> directoryPairs(Path dir) {
        List<Pair> found = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
            List<Path> sorted = new ArrayList<>();
            files.forEach(sorted::add);
            sorted.sort(null);
            for (Path f : sorted) {
                String name = f.getFileName().toString();
                if (name.endsWith(".crt") || name.endsWith(".pem")) {
                    Path key = dir.resolve(name.substring(0, name.length() - 4) + ".key");
                    if (Files.isRegularFile(key)) {
                        found.add(new Pair(f, key));
                    }
                }
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("certificate directory " + dir + " cannot be read: " + e.getMessage());
        }
        if (found.isEmpty()) {
            throw new IllegalArgumentException("certificate directory " + dir + " has no NAME.crt (or NAME.pem) with its NAME.key");
        }
        return found;
    }

    /** The files' sizes and times (and the directories' lists): a change means a reload. */
    private String stamp() {
        StringBuilder b = new StringBuilder();
        List<Path> files = new ArrayList<>();
        for (Pair p : pairs) {
            files.add(p.cert());
            files.add(p.key());
        }
        for (Path dir : sources) {
            try (DirectoryStream<Path> list = Files.newDirectoryStream(dir)) {
                list.forEach(files::add);
            } catch (IOException e) {
                b.append(dir).append(":unreadable;");
            }
        }
        files.sort(null);
        for (Path f : files) {
            try {
                BasicFileAttributes a = Files.readAttributes(f, BasicFileAttributes.class);
                b.append(f).append(':').append(a.size()).append(':').append(a.lastModifiedTime().toMillis()).append(';');
            } catch (IOException e) {
                b.append(f).append(":missing;");
            }
        }
        return b.toString();
    }

    private Loaded load() {
        String stamp = stamp();
        List<Entry> entries = new ArrayList<>();
        for (Pair p : allPairs()) {
            entries.add(entry(p));
        }
        try {
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(new javax.net.ssl.KeyManager[] {new SniKeyManager(entries)}, null, null);
            return new Loaded(ctx, matchers(entries), List.copyOf(entries), stamp);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot set up TLS: " + e.getMessage());
        }
    }

    static Entry entry(Pair p) {
        X509Certificate[] chain = readChain(p.cert());
        PrivateKey key = readKey(p.key());
        if (!matches(key, chain[0])) {
            throw new IllegalArgumentException("key " + p.key() + " is not the key of certificate " + p.cert()
                    + " (its first certificate must be the one the key belongs to)");
        }
        return new Entry(p.cert().toString(), chain, key, hostNames(chain[0]));
    }

    private static String readPem(Path file, String what) {
        try {
            long size = Files.size(file);
            if (size > MAX_PEM_BYTES) {
                throw new IllegalArgumentException(what + " " + file + " is " + size + " bytes: too large for a PEM file");
            }
            return Files.readString(file, StandardCharsets.US_ASCII);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new IllegalArgumentException(what + " " + file + " does not exist");
        } catch (IOException e) {
            throw new IllegalArgumentException(what + " " + file + " cannot be read: " + e.getMessage());
        }
    }

    static X509Certificate[] readChain(Path file) {
        String pem = readPem(file, "certificate");
        try (InputStream in = new java.io.ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII))) {
            Collection<? extends java.security.cert.Certificate> certs = CertificateFactory.getInstance("X.509").generateCertificates(in);
            if (certs.isEmpty()) {
                throw new IllegalArgumentException("certificate " + file + " holds no -----BEGIN CERTIFICATE----- block");
            }
            return certs.stream().map(c -> (X509Certificate) c).toArray(X509Certificate[]::new);
        } catch (CertificateException | IOException e) {
            throw new IllegalArgumentException("certificate " + file + " is not a PEM certificate chain: " + e.getMessage());
        }
    }

    static PrivateKey readKey(Path file) {
        String pem = readPem(file, "key");
        Object o;
        try (PEMParser parser = new PEMParser(new StringReader(pem))) {
            o = parser.readObject();
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("key " + file + " is not a PEM private key: " + e.getMessage());
        }
        try {
            JcaPEMKeyConverter convert = new JcaPEMKeyConverter();
            if (o instanceof PrivateKeyInfo info) {
                return convert.getPrivateKey(info);
            }
            if (o instanceof PEMKeyPair pair) {
                return convert.getPrivateKey(pair.getPrivateKeyInfo());
            }
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("key " + file + ": cannot read the private key: " + e.getMessage());
        }
        if (o instanceof PEMEncryptedKeyPair || o instanceof PKCS8EncryptedPrivateKeyInfo) {
            throw new IllegalArgumentException("key " + file + " is encrypted: write it decrypted (openssl pkey -in KEY -out KEY.plain)"
                    + " and keep it readable by the edge only");
        }
        throw new IllegalArgumentException("key " + file + " holds no private key (found "
                + (o == null ? "no PEM block" : o.getClass().getSimpleName()) + ")");
    }

    /** Whether {@code key} signs what the certificate's public key verifies. */
    private static boolean matches(PrivateKey key, X509Certificate cert) {
        String alg = switch (key.getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "EC" -> "SHA256withECDSA";
            case "Ed25519", "EdDSA" -> "Ed25519";
            case "Ed448" -> "Ed448";
            default -> null;
        };
        if (alg == null) {
            throw new IllegalArgumentException("a " + key.getAlgorithm() + " key is not supported: use RSA, EC or Ed25519");
        }
        try {
            byte[] probe = "mycelium edge key check".getBytes(StandardCharsets.US_ASCII);
            Signature s = Signature.getInstance(alg);
            s.initSign(key);
            s.update(probe);
            byte[] sig = s.sign();
            Signature v = Signature.getInstance(alg);
            v.initVerify(cert.getPublicKey());
            v.update(probe);
            return v.verify(sig);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    /** The DNS names of the certificate (its subject alternative names, else its common name). */
    static List<String> hostNames(X509Certificate cert) {
        List<String> names = new ArrayList<>();
        try {
            Collection<List<?>> alt = cert.getSubjectAlternativeNames();
            if (alt != null) {
                for (List<?> n : alt) {
                    if (Integer.valueOf(2).equals(n.get(0))) {
                        names.add(((String) n.get(1)).toLowerCase(Locale.ROOT));
                    }
                }
            }
        } catch (CertificateException e) {
            // no usable names: the common name below
        }
        if (names.isEmpty()) {
            String dn = cert.getSubjectX500Principal().getName();
            for (String part : dn.split(",")) {
                if (part.startsWith("CN=") && part.length() > 3 && part.indexOf(' ') < 0) {
                    names.add(part.substring(3).toLowerCase(Locale.ROOT));
                }
            }
        }
        return List.copyOf(names);
    }

    private static List<SNIMatcher> matchers(List<Entry> entries) {
        List<String> patterns = new ArrayList<>();
        for (Entry e : entries) {
            for (String n : e.names()) {
                patterns.add(namePattern(n));
            }
        }
        if (patterns.isEmpty()) {
            return List.of();
        }
        // an address is no name (RFC 6066), but some clients (wrk) send one: they get the default certificate
        patterns.add(IP_LITERAL);
        return List.of(SNIHostName.createSNIMatcher(String.join("|", patterns)));
    }

    /** A name as a regular expression: {@code *.example.org} stands for one label. */
    static String namePattern(String name) {
        if (name.startsWith("*.")) {
            return "[^.]+" + Pattern.quote(name.substring(1));
        }
        return Pattern.quote(name);
    }

    /** Whether {@code host} is one of {@code names} (a wildcard covers one label). */
    static boolean covers(List<String> names, String host) {
        String h = host.toLowerCase(Locale.ROOT);
        for (String n : names) {
            if (n.equals(h) || (n.startsWith("*.") && h.endsWith(n.substring(1)) && h.indexOf('.') > 0 && h.indexOf('.') == h.length() - n.length() + 1)) {
                return true;
            }
        }
        return false;
    }

    /** Maps entries to key-manager aliases ("0", "1", ...). */
    static Map<String, Entry> byAlias(List<Entry> entries) {
        Map<String, Entry> m = new LinkedHashMap<>();
        for (int i = 0; i < entries.size(); i++) {
            m.put(Integer.toString(i), entries.get(i));
        }
        return m;
    }

    private static final String IP_LITERAL = "[0-9.]+|[0-9a-fA-F:]*:[0-9a-fA-F:.]*";

    static Optional<String> requestedName(javax.net.ssl.SSLSession handshake) {
        if (handshake instanceof javax.net.ssl.ExtendedSSLSession ext) {
            for (javax.net.ssl.SNIServerName n : ext.getRequestedServerNames()) {
                if (n instanceof SNIHostName host && !host.getAsciiName().matches(IP_LITERAL)) {
                    return Optional.of(host.getAsciiName());
                }
            }
        }
        return Optional.empty();
    }
}
