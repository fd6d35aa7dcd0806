package io.mycelium.console.graph;

import io.mycelium.console.events.AuditEvent;
import io.mycelium.console.events.AuditEvent.Kind;
import io.mycelium.console.events.AuditEvent.Trust;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Who signed what a group runs, from the audit trail: the newest plan of each app, its signer and
 * whether that signature verifies. A group of several apps is as trusted as its least trusted plan.
 */
public record Provenance(String signers, Trust trust) {
    public static final Provenance NONE = new Provenance("", Trust.NONE);

    /** The newest plan of each app in {@code events} (newest first), as its provenance. */
    public static Map<String, Provenance> ofApps(List<AuditEvent> newestFirst) {
        Map<String, Provenance> out = new HashMap<>();
        for (AuditEvent e : newestFirst) {
            if (e.kind() == Kind.PLAN) {
                out.putIfAbsent(e.subject(), new Provenance(e.signer(), e.trust()));
            }
        }
        return out;
    }

    /** The provenance of a group running {@code apps}: every signer, and the weakest trust. */
    public static Provenance of(Collection<String> apps, Map<String, Provenance> byApp) {
        TreeSet<String> signers = new TreeSet<>();
        Trust worst = Trust.NONE;
        for (String app : apps) {
            Provenance p = byApp.getOrDefault(app, NONE);
            if (!p.signers().isEmpty()) {
                signers.add(p.signers());
            }
            worst = weaker(worst, p.trust());
        }
        return new Provenance(String.join(",", signers), worst);
    }

    private static Trust weaker(Trust a, Trust b) {
        return rank(b) > rank(a) ? b : a;
    }

    private static int rank(Trust t) {
        return switch (t) {
            case NONE -> 0;
            case VERIFIED -> 1;
            case UNCHECKED -> 2;
            case FORGED -> 3;
        };
    }
}
