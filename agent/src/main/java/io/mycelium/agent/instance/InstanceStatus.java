package io.mycelium.agent.instance;

import io.mycelium.fabric.model.InstanceState;
import java.time.Instant;
import java.util.Objects;

/**
 * A snapshot of one instance for the API, the fabric and the consoles.
 *
 * @param instanceId the instance
 * @param app        its app
 * @param state      its lifecycle state
 * @param message    one line saying why it is in that state
 * @param pid        its process (0 when none runs)
 * @param port       its port (0 when none)
 * @param restarts   how many times it was restarted after a failure
 * @param since      when it entered the state
 */
public record InstanceStatus(String instanceId, String app, InstanceState state, String message, long pid, int port,
                             int restarts, Instant since) {
    public InstanceStatus {
        Objects.requireNonNull(instanceId, "instanceId");
        Objects.requireNonNull(app, "app");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(since, "since");
    }
}
