package io.mycelium.console.tui;

import com.googlecode.lanterna.TextColor;
import io.mycelium.console.model.Health;
import io.mycelium.console.view.Tone;

/** The console's colours: tones, health levels and the cluster tags of merged views. */
final class Palette {
    private static final TextColor[] TAGS = {TextColor.ANSI.CYAN, TextColor.ANSI.MAGENTA, TextColor.ANSI.BLUE_BRIGHT,
            TextColor.ANSI.YELLOW_BRIGHT, TextColor.ANSI.GREEN_BRIGHT, TextColor.ANSI.RED_BRIGHT};
    static final TextColor BAR = TextColor.ANSI.BLUE;
    static final TextColor BAR_TEXT = TextColor.ANSI.WHITE_BRIGHT;

    private Palette() {
    }

    static TextColor tone(Tone t) {
        return switch (t) {
            case NORMAL -> TextColor.ANSI.DEFAULT;
            case GOOD -> TextColor.ANSI.GREEN;
            case WARN -> TextColor.ANSI.YELLOW;
            case BAD -> TextColor.ANSI.RED;
            case MUTED -> TextColor.ANSI.BLACK_BRIGHT;
        };
    }

    static TextColor health(Health.Level level) {
        return switch (level) {
            case OK -> TextColor.ANSI.GREEN_BRIGHT;
            case DEGRADED -> TextColor.ANSI.YELLOW_BRIGHT;
            case PARTITIONED, DISCONNECTED -> TextColor.ANSI.RED_BRIGHT;
        };
    }

    static TextColor cluster(int tag) {
        return TAGS[tag % TAGS.length];
    }
}
