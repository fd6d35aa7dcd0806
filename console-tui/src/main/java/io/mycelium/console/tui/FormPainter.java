package io.mycelium.console.tui;

import com.googlecode.lanterna.SGR;
import com.googlecode.lanterna.TerminalPosition;
import com.googlecode.lanterna.TextColor;
import io.mycelium.console.form.PlanDraft;
import io.mycelium.console.format.Formats;
import io.mycelium.console.model.ConsoleModel;
import java.util.Optional;

/**
 * Draws the plan form over the view: one line per field (label, the text typed, the focused one
 * highlighted) and under each field its problem as typed, in red, or what it takes, dimmed.
 */
final class FormPainter {
    private static final int LABEL = 16;

    private final ConsoleModel model;
    private final UiState ui;

    FormPainter(ConsoleModel model, UiState ui) {
        this.model = model;
        this.ui = ui;
    }

    void paint(Frame g, PlanDraft draft, int top, int w, int height) {
        int bw = width(w);
        int left = Math.max(0, (w - bw) / 2);
        int bh = Math.min(height, PlanDraft.Field.values().length * 2 + 3);
        Painter.box(g, left, top, bw, bh, "apply a plan to " + model.current().name());
        int row = top + 1;
        for (PlanDraft.Field f : PlanDraft.Field.values()) {
            if (row >= top + bh - 1) {
                break;
            }
            boolean focused = f.ordinal() == ui.formField;
            String label = Formats.fit((focused ? "› " : "  ") + f.label(), LABEL);
            g.putString(left + 2, row, label + " ".repeat(LABEL - label.length()), focused ? java.util.EnumSet.of(SGR.BOLD) : java.util.EnumSet.noneOf(SGR.class));
            String value = Formats.fit(draft.value(f), Math.max(0, bw - LABEL - 5));
            g.putString(left + 2 + LABEL, row, value + " ".repeat(Math.max(0, bw - LABEL - 5 - value.length())), SGR.UNDERLINE);
            Optional<String> problem = draft.problem(f);
            g.setForegroundColor(problem.isPresent() ? TextColor.ANSI.RED_BRIGHT : TextColor.ANSI.GREEN);
            g.putString(left + 2 + LABEL, row + 1, Formats.fit(problem.map(p -> "✗ " + p).orElse("✓"), Math.max(0, bw - LABEL - 4)));
            g.setForegroundColor(TextColor.ANSI.DEFAULT);
            row += 2;
        }
        if (row < top + bh - 1) {
            String foot = draft.firstProblem().isEmpty() ? "enter: apply, signed with " + model.current().snapshot().operator()
                    : "fix the field in red, then enter";
            g.putString(left + 2, row, Formats.fit(foot, bw - 4));
        }
    }

    /** After the focused field's text. */
    TerminalPosition cursor(PlanDraft draft, int top, int w, int height) {
        int bw = width(w);
        int left = Math.max(0, (w - bw) / 2);
        PlanDraft.Field f = PlanDraft.Field.values()[ui.formField];
        int x = Math.min(left + bw - 3, left + 2 + LABEL + draft.value(f).length());
        return new TerminalPosition(x, Math.min(top + height - 1, top + 1 + 2 * f.ordinal()));
    }

    private static int width(int w) {
        return Math.min(w - 2, 96);
    }
}
