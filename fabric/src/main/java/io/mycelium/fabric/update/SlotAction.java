package io.mycelium.fabric.update;

import java.util.Objects;

import io.mycelium.fabric.placement.SlotId;
import io.mycelium.spore.digest.Digest;

/** What a node does next for a slot. */
public sealed interface SlotAction {
    /** Start an instance of {@code digest} for {@code slot} on this node. */
    record Start(SlotId slot, Digest digest) implements SlotAction {
        public Start {
            Objects.requireNonNull(slot, "slot");
            Objects.requireNonNull(digest, "digest");
        }
    }

    /** Stop routing to {@code instanceId}, let in-flight work finish, then stop it. */
    record Drain(String instanceId, String why) implements SlotAction {
        public Drain {
            Objects.requireNonNull(instanceId, "instanceId");
            Objects.requireNonNull(why, "why");
        }
    }
}
