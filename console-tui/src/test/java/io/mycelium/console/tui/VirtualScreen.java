package io.mycelium.console.tui;

import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;
import com.googlecode.lanterna.screen.TerminalScreen;
import com.googlecode.lanterna.terminal.virtual.DefaultVirtualTerminal;
import io.mycelium.console.model.ConsoleModel;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** A console on Lanterna's virtual terminal: press keys, read the characters back. */
final class VirtualScreen {
    final DefaultVirtualTerminal terminal;
    final TerminalScreen screen;
    final TerminalConsole console;

    VirtualScreen(ConsoleModel model, int columns, int rows) throws IOException {
        terminal = new DefaultVirtualTerminal(new TerminalSize(columns, rows));
        screen = new TerminalScreen(terminal);
        console = new TerminalConsole(model, screen);
    }

    /** Starts the screen and draws the first frame (for tests that drive keys themselves). */
    VirtualScreen started() throws IOException {
        screen.startScreen();
        console.draw();
        return this;
    }

    VirtualScreen type(String keys) {
        for (char c : keys.toCharArray()) {
            console.press(new KeyStroke(c, false, false));
        }
        return this;
    }

    VirtualScreen key(KeyType type) {
        console.press(new KeyStroke(type));
        return this;
    }

    String row(int r) {
        StringBuilder sb = new StringBuilder();
        for (int c = 0; c < terminal.getTerminalSize().getColumns(); c++) {
            sb.append(terminal.getCharacter(c, r).getCharacterString());
        }
        return sb.toString().stripTrailing();
    }

    List<String> rows() {
        List<String> out = new ArrayList<>();
        for (int r = 0; r < terminal.getTerminalSize().getRows(); r++) {
            out.add(row(r));
        }
        return out;
    }

    String text() {
        return String.join("\n", rows());
    }
}
