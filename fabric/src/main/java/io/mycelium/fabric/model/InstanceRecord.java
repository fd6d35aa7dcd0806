package io.mycelium.fabric.model;

import io.mycelium.spore.digest.Digest;
import java.util.Objects;

/**
 * One instance a node runs: which app and slot, which spore, its state, restarts, last message and
 * its process id (0 while none runs), so that every member, a console too, can name its process.
 */
public record InstanceRecord(String instanceId, String app, int slot, Digest digest, InstanceState state, int restarts, String message,
                             long pid) {
    public InstanceRecord {
        Checks.name("instance id", instanceId);
        Checks.name("app", app);
        Checks.nonNegative("slot", slot);
        Objects.requireNonNull(digest, "digest");
        Objects.requireNonNull(state, "state");
        Checks.nonNegative("restarts", restarts);
        message = message == null ? "" : message;
        if (pid < 0) {
            throw new IllegalArgumentException("instance " + instanceId + ": pid " + pid + " is negative");
        }
    }

    /** An instance with no process (yet). */
    public InstanceRecord(String instanceId, String app, int slot, Digest digest, InstanceState state, int restarts, String message) {
        this(instanceId, app, slot, digest, state, restarts, message, 0);
    }
}
