package io.mycelium.console.tui;

import com.googlecode.lanterna.SGR;
import com.googlecode.lanterna.TerminalPosition;
import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.TextColor;
import com.googlecode.lanterna.graphics.TextGraphics;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;

/**
 * One frame of the console as the few drawing operations the painters make (strings, fills,
 * frames), each with its colours and styles, recorded rather than drawn. Two frames that are equal
 * put the same characters on screen, so the console compares a new frame with the one on screen
 * and hands Lanterna only a frame that differs: painting a frame into Lanterna's buffer and its
 * delta refresh visit every cell (and check each character's width), which an idle console would
 * otherwise pay for every fabric change that shows nothing new. Not thread-safe: one per paint.
 */
final class Frame {
    private sealed interface Op {
    }

    private record Put(int x, int y, String text, TextColor fg, TextColor bg, EnumSet<SGR> styles) implements Op {
    }

    private record Fill(char c, TextColor fg, TextColor bg) implements Op {
    }

    private record Rect(boolean filled, TerminalPosition at, TerminalSize size, char c, TextColor fg, TextColor bg) implements Op {
    }

    private final TerminalSize size;
    private final List<Op> ops = new ArrayList<>();
    private TextColor fg = TextColor.ANSI.DEFAULT;
    private TextColor bg = TextColor.ANSI.DEFAULT;

    Frame(TerminalSize size) {
        this.size = Objects.requireNonNull(size, "size");
    }

    TerminalSize size() {
        return size;
    }

    Frame setForegroundColor(TextColor c) {
        fg = Objects.requireNonNull(c, "colour");
        return this;
    }

    Frame setBackgroundColor(TextColor c) {
        bg = Objects.requireNonNull(c, "colour");
        return this;
    }

    Frame fill(char c) {
        ops.add(new Fill(c, fg, bg));
        return this;
    }

    Frame fillRectangle(TerminalPosition at, TerminalSize s, char c) {
        ops.add(new Rect(true, at, s, c, fg, bg));
        return this;
    }

    Frame drawRectangle(TerminalPosition at, TerminalSize s, char c) {
        ops.add(new Rect(false, at, s, c, fg, bg));
        return this;
    }

    Frame putString(int x, int y, String text) {
        ops.add(new Put(x, y, text, fg, bg, EnumSet.noneOf(SGR.class)));
        return this;
    }

    Frame putString(int x, int y, String text, SGR style, SGR... more) {
        EnumSet<SGR> styles = EnumSet.of(style, more);
        ops.add(new Put(x, y, text, fg, bg, styles));
        return this;
    }

    Frame putString(int x, int y, String text, Collection<SGR> styles) {
        ops.add(new Put(x, y, text, fg, bg, styles.isEmpty() ? EnumSet.noneOf(SGR.class) : EnumSet.copyOf(styles)));
        return this;
    }

    /** How many drawing operations the frame holds. */
    int operations() {
        return ops.size();
    }

    /** Draws the frame on {@code g} (a screen's back buffer), in the order it was recorded. */
    void drawOn(TextGraphics g) {
        for (Op op : ops) {
            switch (op) {
                case Put p -> {
                    colours(g, p.fg(), p.bg());
                    if (p.styles().isEmpty()) {
                        g.putString(p.x(), p.y(), p.text());
                    } else {
                        g.putString(p.x(), p.y(), p.text(), p.styles());
                    }
                }
                case Fill f -> {
                    colours(g, f.fg(), f.bg());
                    g.fill(f.c());
                }
                case Rect r -> {
                    colours(g, r.fg(), r.bg());
                    if (r.filled()) {
                        g.fillRectangle(r.at(), r.size(), r.c());
                    } else {
                        g.drawRectangle(r.at(), r.size(), r.c());
                    }
                }
            }
        }
    }

    private static void colours(TextGraphics g, TextColor fg, TextColor bg) {
        g.setForegroundColor(fg);
        g.setBackgroundColor(bg);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Frame f && f.size.equals(size) && f.ops.equals(ops);
    }

    @Override
    public int hashCode() {
        return size.hashCode() * 31 + ops.hashCode();
    }
}
