package io.mycelium.agent.instance;

/**
 * Receives every lifecycle transition, in order per instance, on the single
 * {@code agent-supervisor-events} thread (never while the supervisor holds a lock, so it may call
 * back into the supervisor). It should return quickly; an exception it throws is logged and dropped.
 */
@FunctionalInterface
public interface InstanceListener {
    void onTransition(InstanceTransition transition);
}
