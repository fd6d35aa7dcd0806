package io.mycelium.console.command;

import java.util.Locale;
import java.util.Optional;

/** The rollout actions, each with the key that picks it in a console's rollout menu. */
public enum RolloutAction {
    PROMOTE('p', false, "pass the current step's gate"),
    PAUSE('z', false, "hold the rollout where it is"),
    RESUME('c', false, "continue a paused rollout"),
    ABORT('a', true, "send all traffic back to stable and stop the new revision"),
    UNDO('u', true, "go back to the previous completed revision"),
    START('s', false, "start a rollout to a digest (:rollout start APP sha256:...)");

    private final char key;
    private final boolean destructive;
    private final String help;

    RolloutAction(char key, boolean destructive, String help) {
        this.key = key;
        this.destructive = destructive;
        this.help = help;
    }

    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    public char key() {
        return key;
    }

    /** Whether a console asks to confirm it first. */
    public boolean destructive() {
        return destructive;
    }

    public String help() {
        return help;
    }

    public static Optional<RolloutAction> parse(String word) {
        for (RolloutAction a : values()) {
            if (a.word().equalsIgnoreCase(word)) {
                return Optional.of(a);
            }
        }
        return Optional.empty();
    }

    public static Optional<RolloutAction> ofKey(char key) {
        for (RolloutAction a : values()) {
            if (a.key == key && a != START) {
                return Optional.of(a);
            }
        }
        return Optional.empty();
    }
}
