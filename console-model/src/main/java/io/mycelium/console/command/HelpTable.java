package io.mycelium.console.command;

import java.util.ArrayList;
import java.util.List;

/**
 * The help each console shows, generated from the {@link Registry}: its own keys first, then the
 * commands, then (in the terminal) the rollout menu's keys.
 */
public final class HelpTable {
    /** One line of help: a section heading has an empty {@code help}. */
    public record Line(String what, String help) {
    }

    private HelpTable() {
    }

    public static List<Line> lines(boolean readonly, Front front) {
        List<Line> out = new ArrayList<>();
        out.add(new Line("KEYS", ""));
        for (KeyBinding k : Registry.keys(readonly, front)) {
            out.add(new Line(k.key(), k.help()));
        }
        out.add(new Line("COMMANDS", ""));
        for (CommandSpec c : Registry.commands(readonly)) {
            out.add(new Line(c.usage(), c.help()));
        }
        if (!readonly && front == Front.TERMINAL) {
            out.add(new Line("ROLLOUT MENU (r)", ""));
            for (RolloutAction a : RolloutAction.values()) {
                if (a != RolloutAction.START) {
                    out.add(new Line(a.key() + "  " + a.word(), a.help() + (a.destructive() ? " (asks to confirm)" : "")));
                }
            }
        }
        return out;
    }

    /** {@code front}'s help as plain text, {@code what} padded to one column. */
    public static List<String> text(boolean readonly, Front front) {
        List<Line> lines = lines(readonly, front);
        int width = lines.stream().filter(l -> !l.help().isEmpty()).mapToInt(l -> l.what().length()).max().orElse(0) + 2;
        return lines.stream().map(l -> l.help().isEmpty() ? l.what() : "  " + String.format("%-" + width + "s", l.what()) + l.help()).toList();
    }

    /**
     * The desktop console's help.
     *
     * @deprecated console-fx calls this; it should name its front: {@code text(readonly, Front.DESKTOP)}
     */
    @Deprecated
    public static List<String> text(boolean readonly) {
        return text(readonly, Front.DESKTOP);
    }
}
