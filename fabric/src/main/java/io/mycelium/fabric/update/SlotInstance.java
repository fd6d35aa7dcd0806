package io.mycelium.fabric.update;

import io.mycelium.fabric.model.InstanceState;
import java.util.Objects;

import io.mycelium.spore.digest.Digest;

/**
 * One instance of a slot as the view shows it.
 *
 * @param instanceId unique instance id
 * @param nodeId     the node running it
 * @param digest     the spore it runs
 * @param state      its lifecycle state
 */
public record SlotInstance(String instanceId, String nodeId, Digest digest, InstanceState state) {
    public SlotInstance {
        Objects.requireNonNull(instanceId, "instanceId");
        Objects.requireNonNull(nodeId, "nodeId");
        Objects.requireNonNull(digest, "digest");
        Objects.requireNonNull(state, "state");
    }

    /** Still present and not on its way out: counts as the slot's instance on its node. */
    boolean active() {
        return state.active();
    }
}
