package io.mycelium.console.tui;

import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;
import io.mycelium.console.command.KeyBinding.Binding;
import io.mycelium.console.view.ViewKind;
import java.util.Optional;

/** Maps a key stroke to the binding the registry gives it ({@code Registry.keys}); the help lists the same keys. */
final class KeyMap {
    private KeyMap() {
    }

    static Optional<Binding> of(KeyStroke k) {
        Binding b = switch (k.getKeyType()) {
            case Enter -> Binding.DRILL;
            case Escape -> Binding.BACK;
            case Tab -> Binding.NEXT_CLUSTER;
            case ArrowUp -> Binding.UP;
            case ArrowDown -> Binding.DOWN;
            case PageUp -> Binding.PAGE_UP;
            case PageDown -> Binding.PAGE_DOWN;
            case Home -> Binding.TOP;
            case End -> Binding.BOTTOM;
            case EOF -> Binding.QUIT;
            case Character -> character(k);
            default -> null;
        };
        return Optional.ofNullable(b);
    }

    private static Binding character(KeyStroke k) {
        char c = k.getCharacter();
        if (k.isCtrlDown()) {
            return c == 'c' ? Binding.QUIT : c == 'k' ? Binding.STOP : null;
        }
        return switch (c) {
            case ':' -> Binding.COMMAND;
            case '/' -> Binding.FILTER;
            case '?' -> Binding.HELP;
            case '1', '2', '3', '4', '5', '6' -> Binding.VIEW;
            case 'l' -> Binding.LOGS;
            case 'd' -> Binding.DESCRIBE;
            case 's' -> Binding.SCALE;
            case 'r' -> Binding.ROLLOUT;
            case 'p' -> Binding.PLAN;
            case 'a' -> Binding.ALL_CLUSTERS;
            case 'o' -> Binding.SORT;
            case 'O' -> Binding.SORT_FLIP;
            case 'k' -> Binding.UP;
            case 'j' -> Binding.DOWN;
            case 'g' -> Binding.TOP;
            case 'G' -> Binding.BOTTOM;
            case 'q' -> Binding.QUIT;
            default -> null;
        };
    }

    /** The view a {@link Binding#VIEW} key opens: 1 is the first view of {@link ViewKind} (the graph); logs need a subject. */
    static ViewKind view(KeyStroke k) {
        return ViewKind.values()[k.getCharacter() - '1'];
    }

    /** Whether the key is plain text for a line being edited. */
    static boolean isText(KeyStroke k) {
        return k.getKeyType() == KeyType.Character && !k.isCtrlDown() && !k.isAltDown();
    }
}
