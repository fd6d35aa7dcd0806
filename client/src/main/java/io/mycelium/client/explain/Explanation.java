package io.mycelium.client.explain;

import java.util.Objects;

/**
 * Why one slot of an app is not running as its plan asks, in words an operator can act on.
 *
 * @param node the node the slot is on or assigned to, empty for an unplaced slot
 * @param text the reason, one line
 */
public record Explanation(String app, int slot, Kind kind, String node, String text) {
    /** What keeps the slot from being ready. */
    public enum Kind {
        /** No node can take the slot (capacity, labels, no agent). */
        UNPLACED,
        /** Assigned, on its way: not started yet, fetching, launching, an older digest still serving. */
        WAITING,
        /** Its instance exited or failed its checks and waits to be restarted. */
        FAILED
    }

    public Explanation {
        Objects.requireNonNull(app, "app");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(text, "text");
        node = node == null ? "" : node;
    }
}
