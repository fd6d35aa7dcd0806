package io.mycelium.console.command;

import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * One key of a console. {@code key} is the key as the help shows it ({@code enter}, {@code ctrl-c},
 * {@code l}); {@code action}: whether it changes the cluster (hidden when read-only);
 * {@code fronts}: the consoles that honour it (the help of each lists only its own keys).
 */
public record KeyBinding(String key, Binding binding, String help, boolean action, Set<Front> fronts) {
    /** What a key does; consoles switch on this, never on the key text. */
    public enum Binding {
        COMMAND, FILTER, HELP, VIEW, DRILL, BACK, LOGS, DESCRIBE, SCALE, ROLLOUT, PLAN, STOP, NEXT_CLUSTER, ALL_CLUSTERS, SORT, SORT_FLIP,
        UP, DOWN, PAGE_UP, PAGE_DOWN, TOP, BOTTOM, FIT, ZOOM, THEME, QUIT
    }

    public KeyBinding {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(binding, "binding");
        Objects.requireNonNull(help, "help");
        if (fronts == null || fronts.isEmpty()) {
            throw new IllegalArgumentException("key " + key + " is honoured by no console: name at least one front");
        }
        fronts = Set.copyOf(fronts);
    }

    /** A key that both consoles honour, with the same meaning. */
    public KeyBinding(String key, Binding binding, String help, boolean action) {
        this(key, binding, help, action, EnumSet.allOf(Front.class));
    }

    /** A key that only {@code front} honours (or means something else in the other console). */
    public static KeyBinding only(Front front, String key, Binding binding, String help, boolean action) {
        return new KeyBinding(key, binding, help, action, EnumSet.of(front));
    }

    public boolean honouredBy(Front front) {
        return fronts.contains(front);
    }
}
