package io.mycelium.edge.tls;

import java.net.Socket;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;

/**
 * Chooses the server certificate of a connection by the name the client asked for (SNI) and the
 * key type the handshake can use; without a name, the first certificate of a usable type.
 * Immutable: a reload makes a new one.
 */
final class SniKeyManager extends X509ExtendedKeyManager {

    private final Map<String, CertificateFiles.Entry> entries;

    SniKeyManager(List<CertificateFiles.Entry> entries) {
        this.entries = CertificateFiles.byAlias(entries);
    }

    @Override
    public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
        Optional<String> sni = engine == null ? Optional.empty() : CertificateFiles.requestedName(engine.getHandshakeSession());
        String fallback = null;
        for (Map.Entry<String, CertificateFiles.Entry> e : entries.entrySet()) {
            if (!typeMatches(keyType, e.getValue().key())) {
                continue;
            }
            if (sni.isEmpty()) {
                return e.getKey();
            }
            if (CertificateFiles.covers(e.getValue().names(), sni.get())) {
                return e.getKey();
            }
            if (fallback == null && e.getValue().names().isEmpty()) {
                fallback = e.getKey();
            }
        }
        return fallback;
    }

    private static boolean typeMatches(String keyType, PrivateKey key) {
        String alg = key.getAlgorithm();
        return switch (keyType) {
            case "RSA", "RSASSA-PSS" -> alg.equals("RSA");
            case "EC" -> alg.equals("EC");
            case "EdDSA", "Ed25519" -> alg.equals("EdDSA") || alg.equals("Ed25519");
            case "Ed448" -> alg.equals("Ed448");
            default -> alg.equals(keyType);
        };
    }

    @Override
    public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
        return chooseEngineServerAlias(keyType, issuers, null);
    }

    @Override
    public String[] getServerAliases(String keyType, Principal[] issuers) {
        return entries.entrySet().stream().filter(e -> typeMatches(keyType, e.getValue().key()))
                .map(Map.Entry::getKey).toArray(String[]::new);
    }

    @Override
    public X509Certificate[] getCertificateChain(String alias) {
        CertificateFiles.Entry e = entries.get(alias);
        return e == null ? null : e.chain().clone();
    }

    @Override
    public PrivateKey getPrivateKey(String alias) {
        CertificateFiles.Entry e = entries.get(alias);
        return e == null ? null : e.key();
    }

    @Override
    public String[] getClientAliases(String keyType, Principal[] issuers) {
        return null;
    }

    @Override
    public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
        return null;
    }
}
