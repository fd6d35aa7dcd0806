package io.mycelium.fabric;

import io.mycelium.fabric.membership.MembershipEvent;
import io.mycelium.fabric.state.FabricRecord;

/** What changed in a fabric: a record was applied, or membership changed. Exactly one of the two is non-null. */
public record FabricChange(FabricRecord record, MembershipEvent membership) {
    public static FabricChange of(FabricRecord r) {
        return new FabricChange(r, null);
    }

    public static FabricChange of(MembershipEvent e) {
        return new FabricChange(null, e);
    }
}
