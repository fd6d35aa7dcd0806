package io.mycelium.fabric.intention;

import io.mycelium.fabric.ClusterView;
import io.mycelium.fabric.model.Intention;
import io.mycelium.fabric.model.RecordKind;
import io.mycelium.fabric.state.FabricRecord;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The decision whether a call may go through, from the view's intention records alone. The most
 * specific intention wins, destination first as in Consul: {@code caller>callee}, then
 * {@code *>callee}, then {@code caller>*}, then the cluster default {@code *>*}; with none that
 * matches, the call is allowed (a cluster that never wrote an intention routes as before). A call
 * whose caller is not known (it did not come through its instance's {@code MYCELIUM_HYPHAE}) is
 * refused as soon as the cluster has any intention: otherwise leaving the caller out would be a way
 * around every deny.
 */
public final class Intentions {

    /** What was decided and why (the reason is what a refused caller reads in its 403). */
    public record Decision(boolean allowed, String reason, Optional<Intention> by) {
        public Decision {
            java.util.Objects.requireNonNull(reason, "reason");
            java.util.Objects.requireNonNull(by, "by");
        }
    }

    /** The intentions of a view, indexed by record name (parsed once; immutable). */
    public record Table(Map<String, Intention> byName) {
        public static final Table EMPTY = new Table(Map.of());

        public Table {
            byName = Map.copyOf(byName);
        }

        /** The intentions held in {@code view} (tombstones and malformed records left out). */
        public static Table of(ClusterView view) {
            Map<String, Intention> m = new HashMap<>();
            for (FabricRecord r : view.records(RecordKind.INTENTION)) {
                if (!r.tombstone()) {
                    view.value(r, Intention.class).filter(i -> i.name().equals(r.key().name())).ifPresent(i -> m.put(i.name(), i));
                }
            }
            return new Table(m);
        }

        /** Every intention, the default first, then by callee and caller. */
        public List<Intention> list() {
            List<Intention> out = new ArrayList<>(byName.values());
            out.sort(Comparator.comparing((Intention i) -> !i.isDefault()).thenComparing(Intention::callee).thenComparing(Intention::caller));
            return out;
        }
    }

    private Intentions() {
    }

    /** Whether {@code caller} (null: not known) may call {@code callee} in {@code view}. */
    public static Decision decide(ClusterView view, String caller, String callee) {
        return decide(Table.of(view), caller, callee);
    }

    /** {@link #decide(ClusterView, String, String)} on an already parsed table. */
    public static Decision decide(Table table, String caller, String callee) {
        if (table.byName().isEmpty()) {
            return new Decision(true, "no intentions: every call is allowed", Optional.empty());
        }
        if (caller == null) {
            return new Decision(false, "the calling app is not known: call through the URL in your MYCELIUM_HYPHAE"
                    + " (it names your instance), not the router's bare address", Optional.empty());
        }
        for (String name : List.of(Intention.name(caller, callee), Intention.name(Intention.ANY, callee),
                Intention.name(caller, Intention.ANY), Intention.name(Intention.ANY, Intention.ANY))) {
            Intention i = table.byName().get(name);
            if (i != null) {
                boolean allowed = i.action() == Intention.Action.ALLOW;
                String rule = i.isDefault() ? "the cluster default (" + i.action().wire() + ")"
                        : "intention " + i.action().wire() + " " + i.caller() + " " + i.callee();
                return new Decision(allowed, caller + " -> " + callee + (allowed ? " allowed by " : " denied by ") + rule
                        + (allowed ? "" : "; mesh intention allow " + caller + " " + callee + " lets it through"), Optional.of(i));
            }
        }
        return new Decision(true, caller + " -> " + callee + " allowed: no intention matches and there is no cluster default",
                Optional.empty());
    }
}
