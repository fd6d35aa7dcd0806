package io.mycelium.fabric.model;

import io.mycelium.spore.digest.Digest;
import java.util.Objects;

/** One instance a node runs: which app and slot, which spore, its state, restarts and last message. */
public record InstanceRecord(String instanceId, String app, int slot, Digest digest, InstanceState state, int restarts, String message) {
    public InstanceRecord {
        Checks.name("instance id", instanceId);
        Checks.name("app", app);
        Checks.nonNegative("slot", slot);
        Objects.requireNonNull(digest, "digest");
        Objects.requireNonNull(state, "state");
        Checks.nonNegative("restarts", restarts);
        message = message == null ? "" : message;
    }
}
