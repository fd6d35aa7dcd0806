package io.mycelium.fabric.model;

import io.mycelium.spore.digest.Digest;
import java.util.Objects;

/** Where an instance serves: app, instance, spore digest, host and port, READY or DRAINING. */
public record EndpointRecord(String app, String instanceId, Digest digest, String host, int port, EndpointState state) {
    public EndpointRecord {
        Checks.name("app", app);
        Checks.name("instance id", instanceId);
        Objects.requireNonNull(digest, "digest");
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("endpoint of " + instanceId + ": host is empty");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("endpoint of " + instanceId + ": port " + port + " is not 1-65535");
        }
        Objects.requireNonNull(state, "state");
    }
}
