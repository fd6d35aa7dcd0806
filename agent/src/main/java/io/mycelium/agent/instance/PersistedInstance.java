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
 * @param stopping true if a stop had begun: the next agent finishes it instead of restarting
 */
public record PersistedInstance(InstanceSpec spec, Optional<ProcessRef> process, int restarts, boolean stopping) {
    public PersistedInstance {
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(process, "process");
        if (restarts < 0) {
            throw new IllegalArgumentException("instance " + spec.instanceId() + ": restarts " + restarts + " < 0");
        }
    }

    /** A running (or waiting) instance, not being stopped. */
    public PersistedInstance(InstanceSpec spec, Optional<ProcessRef> process, int restarts) {
        this(spec, process, restarts, false);
    }
}
