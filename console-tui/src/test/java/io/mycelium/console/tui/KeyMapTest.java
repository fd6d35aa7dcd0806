package io.mycelium.console.tui;

import static org.assertj.core.api.Assertions.assertThat;

import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;
import io.mycelium.console.command.Front;
import io.mycelium.console.command.KeyBinding;
import io.mycelium.console.command.Registry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KeyMapTest {
    private static final Map<String, KeyType> NAMED = Map.of("enter", KeyType.Enter, "esc", KeyType.Escape, "tab", KeyType.Tab,
            "up", KeyType.ArrowUp, "down", KeyType.ArrowDown, "pgup", KeyType.PageUp, "pgdn", KeyType.PageDown,
            "home", KeyType.Home, "end", KeyType.End);

    @Test
    void everyKeyTheTerminalHelpListsIsMappedToItsBinding() {
        List<KeyBinding> keys = Registry.keys(false, Front.TERMINAL);
        assertThat(keys).hasSizeGreaterThan(20);
        for (KeyBinding k : keys) {
            List<KeyStroke> strokes = strokes(k.key());
            assertThat(strokes).as("key %s of the help", k.key()).isNotEmpty();
            for (KeyStroke s : strokes) {
                assertThat(KeyMap.of(s)).as("key %s (%s) of the help", k.key(), s).contains(k.binding());
            }
        }
    }

    @Test
    void numberKeysOpenTheViewsTheHelpNames() {
        assertThat(KeyMap.view(new KeyStroke('1', false, false)).command()).isEqualTo("graph");
        assertThat(KeyMap.view(new KeyStroke('6', false, false)).command()).isEqualTo("events");
        assertThat(Registry.keys(false, Front.TERMINAL)).anyMatch(k -> k.key().equals("1-6")
                && k.help().equals("views: 1 graph, 2 nodes, 3 apps, 4 instances, 5 rollouts, 6 events"));
    }

    @Test
    void desktopOnlyKeysDoNothingInTheTerminal() {
        java.util.Set<String> terminal = new java.util.HashSet<>();
        Registry.keys(false, Front.TERMINAL).forEach(k -> strokes(k.key()).forEach(s -> terminal.add(id(s))));
        int checked = 0;
        for (KeyBinding k : Registry.keys(false, Front.DESKTOP)) {
            for (KeyStroke s : strokes(k.key())) {
                if (!terminal.contains(id(s))) {
                    assertThat(KeyMap.of(s)).as("desktop key %s", k.key()).isEmpty();
                    checked++;
                }
            }
        }
        assertThat(checked).as("f, t, + and - are the desktop's own").isEqualTo(4);
    }

    private static String id(KeyStroke s) {
        return s.getKeyType() + ":" + s.getCharacter() + ":" + s.isCtrlDown();
    }

    /** The strokes a key of the help stands for: "up/k" is two keys, "1-6" six, "ctrl-k" one with control. */
    static List<KeyStroke> strokes(String key) {
        List<KeyStroke> out = new ArrayList<>();
        List<String> parts = key.length() == 1 ? List.of(key) : List.of(key.split("/"));
        for (String p : parts) {
            if (NAMED.containsKey(p)) {
                out.add(new KeyStroke(NAMED.get(p)));
            } else if (p.startsWith("ctrl-") && p.length() == 6) {
                out.add(new KeyStroke(p.charAt(5), true, false));
            } else if (p.length() == 3 && p.charAt(1) == '-') {
                for (char c = p.charAt(0); c <= p.charAt(2); c++) {
                    out.add(new KeyStroke(c, false, false));
                }
            } else if (p.length() == 1) {
                out.add(new KeyStroke(p.charAt(0), false, false));
            }
        }
        return out;
    }
}
