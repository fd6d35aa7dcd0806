package io.mycelium.agent.reconcile;

import io.mycelium.fabric.model.InstanceState;
import io.mycelium.fabric.placement.SlotId;
import io.mycelium.spore.digest.Digest;
import java.util.Objects;

/**
 * One instance of this node as the reconciler sees it (the supervisor's state, or IDLE/FAILED
 * while its spore is fetched).
 */
public record LocalInstance(String instanceId, SlotId slot, Digest digest, InstanceState state) {
    public LocalInstance {
        Objects.requireNonNull(instanceId, "instanceId");
        Objects.requireNonNull(slot, "slot");
        Objects.requireNonNull(digest, "digest");
        Objects.requireNonNull(state, "state");
    }
}
