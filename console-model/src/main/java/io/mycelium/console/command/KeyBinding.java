package io.mycelium.console.command;

import java.util.Objects;

/**
 * One key of a console. {@code key} is the key as the help shows it ({@code enter}, {@code ctrl-c},
 * {@code l}); {@code action}: whether it changes the cluster (hidden when read-only).
 */
public record KeyBinding(String key, Binding binding, String help, boolean action) {
    /** What a key does; consoles switch on this, never on the key text. */
    public enum Binding {
        COMMAND, FILTER, HELP, VIEW, DRILL, BACK, LOGS, DESCRIBE, SCALE, ROLLOUT, PLAN, STOP, NEXT_CLUSTER, ALL_CLUSTERS, SORT, SORT_FLIP,
        UP, DOWN, PAGE_UP, PAGE_DOWN, TOP, BOTTOM, QUIT
    }

    public KeyBinding {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(binding, "binding");
        Objects.requireNonNull(help, "help");
    }
}
