package io.mycelium.client.rows;

import java.time.Instant;
import java.util.Objects;

/**
 * What the supervisor of the answering agent knows of one of its own instances, fresher than the
 * record it published: state, restarts, message, process, port and since when.
 *
 * @param pid  its process, 0 when none runs
 * @param port its port, 0 when none
 */
public record SupervisedInstance(String instanceId, String state, int restarts, String message, long pid, int port, Instant since) {
    public SupervisedInstance {
        Objects.requireNonNull(instanceId, "instanceId");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(since, "since");
        message = message == null ? "" : message;
    }
}
