package io.mycelium.agent.instance;

import io.mycelium.agent.driver.ProcessRef;

import java.util.Objects;
import java.util.Optional;

/**
 * What the agent remembers about one instance across restarts.
 *
 * @param spec     how to run it
 * @param process  its process, if one was running
 * @param restarts restarts so far
 */
public record PersistedInstance(InstanceSpec spec, Optional<ProcessRef> process, int restarts) {
    public PersistedInstance {
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(process, "process");
        if (restarts < 0) {
            throw new IllegalArgumentException("instance " + spec.instanceId() + ": restarts " + restarts + " < 0");
        }
    }
}
