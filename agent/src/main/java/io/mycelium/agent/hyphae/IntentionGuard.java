package io.mycelium.agent.hyphae;

import io.mycelium.edge.route.CallGuard;
import io.mycelium.edge.route.RouteParser;
import io.mycelium.fabric.ClusterView;
import io.mycelium.fabric.Fabric;
import io.mycelium.fabric.FabricChange;
import io.mycelium.fabric.intention.Intentions;
import io.mycelium.fabric.model.RecordKind;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Objects;
import java.util.function.Supplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Who calls the local listener, and whether intentions let them. Each instance's
 * {@code MYCELIUM_HYPHAE} is the router's URL with a caller prefix,
 * {@code /~<app>.<instance>.<mac>}, where the MAC is an HMAC-SHA256 of app and instance under a
 * secret derived from this node's identity key: the router checks it without a table, a workload
 * cannot make another app's prefix, and it survives an agent restart (adopted instances keep
 * their env). A call without a valid prefix has no known caller. The decision is
 * {@link Intentions#decide} on the view's intentions, parsed again only when an intention record
 * changes. Thread-safe.
 */
public final class IntentionGuard implements CallGuard {
    private static final int MAC_HEX = 32;

    private final SecretKeySpec secret;
    private final Supplier<ClusterView> views;
    private volatile Intentions.Table table = Intentions.Table.EMPTY;

    public IntentionGuard(NodeIdentity identity, Supplier<ClusterView> views) {
        Objects.requireNonNull(identity, "identity");
        this.views = Objects.requireNonNull(views, "views");
        this.secret = new SecretKeySpec(identity.derive("mycelium-hyphae-caller-v1"), "HmacSHA256");
        refresh();
    }

    /** Takes the intentions again on every change of an intention record of {@code fabric}. */
    public IntentionGuard following(Fabric fabric) {
        fabric.addListener(this::onChange);
        refresh();
        return this;
    }

    private void onChange(FabricChange change) {
        if (change.record() != null && change.record().key().kind() == RecordKind.INTENTION) {
            refresh();
        }
    }

    /** Parses the view's intentions. */
    public void refresh() {
        table = Intentions.Table.of(views.get());
    }

    /** The path prefix that names instance {@code instance} of {@code app} as the caller. */
    public String prefix(String app, String instance) {
        return "/~" + app + "." + instance + "." + mac(app, instance);
    }

    private String mac(String app, String instance) {
        try {
            Mac m = Mac.getInstance("HmacSHA256");
            m.init(secret);
            byte[] d = m.doFinal((app + "\n" + instance).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d).substring(0, MAC_HEX);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available: " + e.getMessage(), e);
        }
    }

    @Override
    public Caller caller(String rawPath) {
        if (!rawPath.startsWith("/~")) {
            return Caller.NONE;
        }
        int end = rawPath.indexOf('/', 2);
        int prefix = end < 0 ? rawPath.length() : end;
        String[] parts = rawPath.substring(2, prefix).split("\\.", -1);
        if (parts.length != 3 || !RouteParser.isAppName(parts[0]) || parts[1].isEmpty() || parts[2].length() != MAC_HEX) {
            return new Caller(null, prefix);
        }
        boolean genuine = MessageDigest.isEqual(mac(parts[0], parts[1]).getBytes(StandardCharsets.US_ASCII),
                parts[2].getBytes(StandardCharsets.US_ASCII));
        return new Caller(genuine ? parts[0] : null, prefix);
    }

    @Override
    public String refusal(Caller caller, String app) {
        Intentions.Decision d = Intentions.decide(table, caller.app(), app);
        return d.allowed() ? null : d.reason();
    }
}
