package io.mycelium.console.tui;

import io.mycelium.console.view.Route;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** What the terminal console adds to the model: the input mode, the line being typed, the status line, overlays, scroll offsets. */
final class UiState {
    enum Mode { BROWSE, COMMAND, FILTER, CONFIRM, ROLLOUT_MENU, OVERLAY, FORM }

    Mode mode = Mode.BROWSE;
    final StringBuilder line = new StringBuilder();
    String status = "";
    boolean statusIsError;
    List<String> completions = List.of();
    String overlayTitle = "";
    List<String> overlay = List.of();
    int overlayOffset;
    String menuApp = "";
    /** The plan form's focused field (an index into {@code PlanDraft.Field}). */
    int formField;
    private final Map<Route, Integer> offsets = new HashMap<>();

    void say(String text, boolean error) {
        status = text;
        statusIsError = error;
    }

    void overlay(String title, List<String> lines) {
        overlayTitle = title;
        overlay = List.copyOf(lines);
        overlayOffset = 0;
        mode = Mode.OVERLAY;
    }

    /** The first row shown of {@code route}'s table so that row {@code selected} is on screen. */
    int offset(Route route, int selected, int height) {
        int o = offsets.getOrDefault(route, 0);
        if (selected < o) {
            o = selected;
        } else if (height > 0 && selected >= o + height) {
            o = selected - height + 1;
        }
        o = Math.max(0, o);
        offsets.put(route, o);
        return o;
    }
}
