package io.mycelium.agent.instance;

import io.mycelium.fabric.model.InstanceState;
import java.util.Objects;

/**
 * One move of the state machine.
 *
 * @param from   the state before
 * @param status the instance after the move (its state is the new one)
 */
public record InstanceTransition(InstanceState from, InstanceStatus status) {
    public InstanceTransition {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(status, "status");
    }

    public InstanceState to() {
        return status.state();
    }
}
