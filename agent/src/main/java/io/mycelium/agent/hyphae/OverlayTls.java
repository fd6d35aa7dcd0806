package io.mycelium.agent.hyphae;

import io.mycelium.edge.route.Endpoint;
import io.mycelium.edge.tls.PeerGate;
import io.mycelium.edge.tls.ServerTls;
import io.mycelium.edge.tls.UpstreamTls;
import io.mycelium.fabric.ClusterView;
import io.mycelium.fabric.Fabric;
import io.mycelium.fabric.FabricChange;
import io.mycelium.fabric.model.HyphaeInfo;
import io.mycelium.fabric.model.RecordKind;
import io.mycelium.fabric.state.FabricRecord;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import javax.net.ssl.X509ExtendedKeyManager;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * The overlay's mutual TLS 1.3: every router-to-router connection presents this node's
 * {@link NodeIdentity} certificate and accepts the peer's only if its key is the identity key a
 * live member published in its {@code hyphae} record. The accepting side admits any live member;
 * the calling side wants exactly the node whose router is at the address it dialled. Who is
 * admitted is a snapshot of the view, taken again on each change of a {@code hyphae} record or of
 * membership ({@link #refresh}); when it changes, {@link #generation()} moves, and the overlay
 * listener's connections check their peer again, so a node that left is cut off, idle pooled
 * connections included. Thread-safe.
 */
public final class OverlayTls implements ServerTls, PeerGate {
    private static final String[] PROTOCOLS = {"TLSv1.3"};
    private static final String[] ALPN = {"http/1.1"};
    private static final String ALIAS = "node";

    /** Who may connect, from one view: identity key to node, and router address to its node's key. */
    record Admitted(Map<String, String> nodeOfKey, Map<String, String> keyAt) {
        static final Admitted NONE = new Admitted(Map.of(), Map.of());

        static Admitted of(ClusterView view) {
            Map<String, String> nodes = new HashMap<>();
            Map<String, String> keys = new HashMap<>();
            for (FabricRecord r : view.records(RecordKind.HYPHAE)) {
                if (r.tombstone() || !view.isLive(r.key().owner())) {
                    continue;
                }
                view.value(r, HyphaeInfo.class).filter(h -> h.key() != null).ifPresent(h -> {
                    nodes.put(h.key(), r.key().owner());
                    keys.put(h.authority(), h.key());
                });
            }
            return new Admitted(Map.copyOf(nodes), Map.copyOf(keys));
        }
    }

    private final NodeIdentity identity;
    private final Supplier<ClusterView> views;
    private final SSLContext context;
    private final AtomicLong generation = new AtomicLong();
    private volatile Admitted admitted = Admitted.NONE;

    public OverlayTls(NodeIdentity identity, Supplier<ClusterView> views) {
        this.identity = Objects.requireNonNull(identity, "identity");
        this.views = Objects.requireNonNull(views, "views");
        try {
            context = SSLContext.getInstance("TLSv1.3");
            context.init(new javax.net.ssl.KeyManager[] {new IdentityKeyManager()},
                    new javax.net.ssl.TrustManager[] {new MemberTrust()}, null);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JDK cannot run TLS 1.3 with Ed25519 keys: " + e.getMessage(), e);
        }
        refresh();
    }

    /** Takes the view again on every change of {@code fabric} that may change who is admitted. */
    public OverlayTls following(Fabric fabric) {
        fabric.addListener(this::onChange);
        refresh();
        return this;
    }

    private void onChange(FabricChange change) {
        if (change.record() == null || change.record().key().kind() == RecordKind.HYPHAE) {
            refresh();
        }
    }

    /** Takes who is admitted from the current view. */
    public synchronized void refresh() {
        Admitted next = Admitted.of(views.get());
        if (!next.equals(admitted)) {
            admitted = next;
            generation.incrementAndGet();
        }
    }

    /** The node whose identity key {@code key} is, if it is a live member's. */
    public Optional<String> nodeOf(String key) {
        return Optional.ofNullable(admitted.nodeOfKey().get(key));
    }

    /** The TLS context (tests use its blocking sockets as a member or an outsider would). */
    SSLContext context() {
        return context;
    }

    // ---- the overlay listener's side ----

    @Override
    public SSLEngine newEngine() {
        SSLEngine e = context.createSSLEngine();
        e.setUseClientMode(false);
        SSLParameters p = parameters(e);
        p.setNeedClientAuth(true);
        e.setSSLParameters(p);
        return e;
    }

    @Override
    public long generation() {
        return generation.get();
    }

    @Override
    public boolean admits(SSLSession session) {
        return peerKey(session).map(k -> admitted.nodeOfKey().containsKey(k)).orElse(false);
    }

    /** The identity key a session's peer presented, if any. */
    static Optional<String> peerKey(SSLSession session) {
        try {
            Certificate[] chain = session.getPeerCertificates();
            return chain.length > 0 && chain[0] instanceof X509Certificate x ? NodeIdentity.publicKeyOf(x) : Optional.empty();
        } catch (SSLPeerUnverifiedException e) {
            return Optional.empty();
        }
    }

    // ---- the calling side ----

    /** Engines for the local listener's connections: TLS to another node's router (a hop), plain TCP to a local instance. */
    public UpstreamTls upstream() {
        return this::clientEngine;
    }

    private SSLEngine clientEngine(Endpoint endpoint) {
        if (!endpoint.hop()) {
            return null;
        }
        SSLEngine e = context.createSSLEngine(endpoint.host(), endpoint.port());
        e.setUseClientMode(true);
        e.setSSLParameters(parameters(e));
        return e;
    }

    private static SSLParameters parameters(SSLEngine e) {
        SSLParameters p = e.getSSLParameters();
        p.setProtocols(PROTOCOLS);
        p.setApplicationProtocols(ALPN);
        return p;
    }

    private static String authority(String host, int port) {
        return host.indexOf(':') >= 0 ? "[" + host + "]:" + port : host + ":" + port;
    }

    /** Checks peer certificates against the members' published keys; there is no CA. */
    private final class MemberTrust extends X509ExtendedTrustManager {

        private String keyOf(X509Certificate[] chain) throws CertificateException {
            if (chain == null || chain.length == 0) {
                throw new CertificateException("the peer sent no certificate");
            }
            return NodeIdentity.publicKeyOf(chain[0]).orElseThrow(() ->
                    new CertificateException("the peer's certificate has no Ed25519 key: not a hyphae router"));
        }

        private void checkMember(X509Certificate[] chain) throws CertificateException {
            if (!admitted.nodeOfKey().containsKey(keyOf(chain))) {
                throw new CertificateException("the peer's key is no live member's identity key");
            }
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
            checkMember(chain);
        }

        /** The server must be the member whose router is at the address dialled ({@code at}). */
        private void checkRouterAt(X509Certificate[] chain, String at) throws CertificateException {
            String key = keyOf(chain);
            String expected = at == null ? null : admitted.keyAt().get(at);
            if (expected == null) {
                throw new CertificateException("no live member's router is at " + (at == null ? "this address" : at));
            }
            if (!expected.equals(key)) {
                throw new CertificateException("the router at " + at + " is not the member that published it (another identity key)");
            }
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
            checkRouterAt(chain, engine == null ? null : authority(engine.getPeerHost(), engine.getPeerPort()));
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
            checkMember(chain);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
            checkRouterAt(chain, socket == null || socket.getInetAddress() == null ? null
                    : authority(socket.getInetAddress().getHostAddress(), socket.getPort()));
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            checkMember(chain);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            checkRouterAt(chain, null);
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }

    /** Presents the node's one certificate, on both sides, where the handshake can use an Ed25519 key. */
    private final class IdentityKeyManager extends X509ExtendedKeyManager {

        private boolean usable(String keyType) {
            return keyType.equals("EdDSA") || keyType.equals("Ed25519");
        }

        @Override
        public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
            return usable(keyType) ? ALIAS : null;
        }

        @Override
        public String chooseEngineClientAlias(String[] keyTypes, Principal[] issuers, SSLEngine engine) {
            for (String t : keyTypes) {
                if (usable(t)) {
                    return ALIAS;
                }
            }
            return null;
        }

        @Override
        public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
            return chooseEngineServerAlias(keyType, issuers, null);
        }

        @Override
        public String chooseClientAlias(String[] keyTypes, Principal[] issuers, Socket socket) {
            return chooseEngineClientAlias(keyTypes, issuers, null);
        }

        @Override
        public String[] getServerAliases(String keyType, Principal[] issuers) {
            return usable(keyType) ? new String[] {ALIAS} : null;
        }

        @Override
        public String[] getClientAliases(String keyType, Principal[] issuers) {
            return getServerAliases(keyType, issuers);
        }

        @Override
        public X509Certificate[] getCertificateChain(String alias) {
            return ALIAS.equals(alias) ? new X509Certificate[] {identity.certificate()} : null;
        }

        @Override
        public PrivateKey getPrivateKey(String alias) {
            return ALIAS.equals(alias) ? identity.privateKey() : null;
        }
    }
}
