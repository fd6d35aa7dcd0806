package io.mycelium.console.tui;

import com.googlecode.lanterna.SGR;
import com.googlecode.lanterna.TerminalPosition;
import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.TextColor;
import io.mycelium.console.format.Formats;
import io.mycelium.console.model.ClusterSession;
import io.mycelium.console.model.ClusterSnapshot;
import io.mycelium.console.model.ConsoleModel;
import io.mycelium.console.model.LogPane;
import io.mycelium.console.view.Route;
import io.mycelium.console.view.Table;
import io.mycelium.console.view.TableState;
import io.mycelium.console.view.ViewKind;
import java.util.List;

/**
 * Draws one frame: header (cluster, members, health), view tabs and open clusters, the view's
 * title line, the view (table, graph or logs; only the visible rows), the status line and the
 * key hints or the line being typed. Overlays (help, describe) go over the view.
 */
final class Painter {
    /** Rows above the view (header, tabs, title) and below it (status, hints). */
    static final int TOP = 3;
    static final int BOTTOM = 2;

    private final ConsoleModel model;
    private final UiState ui;
    private final GraphPainter graph;
    private final FormPainter form;

    Painter(ConsoleModel model, UiState ui) {
        this.model = model;
        this.ui = ui;
        this.graph = new GraphPainter(model, ui);
        this.form = new FormPainter(model, ui);
    }

    void paint(Frame g, TerminalSize size) {
        int w = size.getColumns();
        int h = size.getRows();
        g.setBackgroundColor(TextColor.ANSI.DEFAULT);
        g.setForegroundColor(TextColor.ANSI.DEFAULT);
        g.fill(' ');
        header(g, w);
        tabs(g, w);
        Table table = model.table();
        title(g, w, table);
        int viewHeight = Math.max(0, h - TOP - BOTTOM);
        Route route = model.navigator().route();
        if (route.view() == ViewKind.GRAPH) {
            graph.paint(g, TOP, w, viewHeight);
        } else if (route.view() == ViewKind.LOGS) {
            logs(g, TOP, w, viewHeight);
        } else {
            table(g, TOP, w, viewHeight, table);
        }
        if (ui.mode == UiState.Mode.OVERLAY) {
            overlay(g, TOP, w, viewHeight);
        }
        model.form().ifPresent(draft -> form.paint(g, draft, TOP, w, viewHeight));
        status(g, h - 2, w);
        hints(g, h - 1, w);
    }

    private void header(Frame g, int w) {
        ClusterSnapshot s = model.current().snapshot();
        bar(g, 0, w);
        String left = " mycelium │ " + (model.merged() ? "all clusters" : s.cluster()) + " │ ";
        g.putString(0, 0, Formats.fit(left, w), SGR.BOLD);
        int x = left.length();
        String level = "● " + s.health().level().name().toLowerCase(java.util.Locale.ROOT);
        g.setForegroundColor(Palette.health(s.health().level()));
        put(g, x, 0, level, w);
        g.setForegroundColor(Palette.BAR_TEXT);
        x += level.length();
        String rest = " │ " + s.visible() + "/" + s.members() + " members │ " + s.health().text()
                + (s.readonly() || model.readonly() ? " │ read-only" : " │ key " + s.operator());
        put(g, x, 0, rest, w);
        g.setBackgroundColor(TextColor.ANSI.DEFAULT);
        g.setForegroundColor(TextColor.ANSI.DEFAULT);
    }

    private void tabs(Frame g, int w) {
        int x = 0;
        ViewKind current = model.navigator().route().view();
        for (ViewKind v : ViewKind.values()) {
            String label = " " + v.command() + " ";
            if (x + label.length() > w) {
                break;
            }
            if (v == current) {
                g.putString(x, 1, label, SGR.REVERSE, SGR.BOLD);
            } else {
                g.putString(x, 1, label);
            }
            x += label.length();
        }
        List<ClusterSession> sessions = model.sessions();
        if (sessions.size() < 2) {
            return;
        }
        StringBuilder sb = new StringBuilder();
        for (ClusterSession c : sessions) {
            sb.append(' ').append(c.name());
        }
        int cx = Math.max(x + 2, w - sb.length() - (model.merged() ? 7 : 1));
        for (int i = 0; i < sessions.size() && cx < w; i++) {
            String name = " " + sessions.get(i).name();
            g.setForegroundColor(Palette.cluster(i));
            if (!model.merged() && sessions.get(i) == model.current()) {
                put(g, cx, 1, name, w, SGR.BOLD, SGR.UNDERLINE);
            } else {
                put(g, cx, 1, name, w);
            }
            cx += name.length();
        }
        g.setForegroundColor(TextColor.ANSI.DEFAULT);
        if (model.merged()) {
            put(g, cx, 1, " [all]", w, SGR.BOLD);
        }
    }

    private void title(Frame g, int w, Table table) {
        Route route = model.navigator().route();
        TableState st = model.navigator().state();
        StringBuilder sb = new StringBuilder(" ");
        for (Route r : model.navigator().trail()) {
            sb.append(r == route ? "" : r.title() + " › ");
        }
        sb.append(route.title());
        if (route.view() == ViewKind.LOGS) {
            LogPane p = model.logs();
            sb.append(" │ ").append(p.lines().size()).append(" lines, following");
            if (!st.filter().isEmpty()) {
                sb.append(" │ search '").append(st.filter()).append("': ").append(p.search(st.filter()).size()).append(" lines");
            }
        } else {
            sb.append(" │ ").append(table.rows().size()).append(route.view() == ViewKind.GRAPH ? " hubs" : " rows");
            if (!st.filter().isEmpty()) {
                sb.append(" │ filter '").append(st.filter()).append("'");
            }
            if (st.sortColumn() >= 0 && st.sortColumn() < table.columns().size()) {
                sb.append(" │ sort ").append(table.columns().get(st.sortColumn()).name()).append(st.descending() ? " ↓" : " ↑");
            }
        }
        g.putString(0, 2, Formats.fit(sb.toString(), w), SGR.BOLD);
    }

    private void table(Frame g, int top, int w, int height, Table table) {
        if (height < 2) {
            return;
        }
        int[] widths = widths(table.columns(), w);
        int x = 0;
        for (int c = 0; c < widths.length && widths[c] > 0; c++) {
            put(g, x, top, cell(table.columns().get(c).name(), widths[c], table.columns().get(c).right()), w, SGR.BOLD, SGR.UNDERLINE);
            x += widths[c] + 1;
        }
        int rows = height - 1;
        int selected = model.navigator().selected(table);
        int offset = ui.offset(model.navigator().route(), selected, rows);
        List<Table.Row> window = table.window(offset, rows);
        for (int i = 0; i < window.size(); i++) {
            Table.Row r = window.get(i);
            boolean sel = offset + i == selected;
            x = 0;
            for (int c = 0; c < widths.length && widths[c] > 0; c++) {
                String text = cell(c < r.cells().size() ? r.cells().get(c) : "", widths[c], table.columns().get(c).right());
                boolean tag = model.merged() && c == 0;
                g.setForegroundColor(tag ? Palette.cluster(r.clusterTag()) : Palette.tone(r.tone()));
                if (sel) {
                    put(g, x, top + 1 + i, text + (c + 1 < widths.length && widths[c + 1] > 0 ? " " : ""), w, SGR.REVERSE);
                } else {
                    put(g, x, top + 1 + i, text, w);
                }
                x += widths[c] + 1;
            }
        }
        g.setForegroundColor(TextColor.ANSI.DEFAULT);
        if (table.rows().isEmpty()) {
            g.putString(1, top + 1, model.navigator().state().filter().isEmpty() ? "nothing here yet" : "no row matches the filter (esc clears it)");
        }
    }

    /** Column widths: each its own, the last shown takes the rest; columns that do not fit get 0. */
    static int[] widths(List<Table.Column> columns, int w) {
        int[] out = new int[columns.size()];
        int x = 0;
        for (int c = 0; c < columns.size(); c++) {
            int want = columns.get(c).width();
            if (x + want > w) {
                if (c > 0 && w - x >= 4) {
                    out[c] = w - x;
                }
                break;
            }
            out[c] = want;
            x += want + 1;
        }
        int last = out.length - 1;
        while (last > 0 && out[last] == 0) {
            last--;
        }
        int used = 0;
        for (int c = 0; c < last; c++) {
            used += out[c] + 1;
        }
        out[last] = Math.max(out[last], w - used);
        return out;
    }

    private static String cell(String text, int width, boolean right) {
        String t = Formats.fit(text, width);
        return right ? " ".repeat(width - t.length()) + t : t + " ".repeat(width - t.length());
    }

    private void logs(Frame g, int top, int w, int height) {
        LogPane p = model.logs();
        List<String> lines = p.search(model.navigator().state().filter());
        List<String> shown = lines.subList(Math.max(0, lines.size() - height), lines.size());
        for (int i = 0; i < shown.size(); i++) {
            g.putString(0, top + i, Formats.fit(shown.get(i), w));
        }
        if (lines.isEmpty()) {
            g.putString(1, top, p.problem().isEmpty() ? "no lines yet" : p.problem());
        }
    }

    private void overlay(Frame g, int top, int w, int height) {
        int bw = Math.min(w - 2, Math.max(40, ui.overlay.stream().mapToInt(String::length).max().orElse(0) + 4));
        int bh = Math.min(height, ui.overlay.size() + 2);
        int left = Math.max(0, (w - bw) / 2);
        box(g, left, top, bw, bh, ui.overlayTitle + " (esc closes" + (ui.overlay.size() > bh - 2 ? ", up/down scroll" : "") + ")");
        int lines = bh - 2;
        int from = Math.max(0, Math.min(ui.overlayOffset, ui.overlay.size() - lines));
        for (int i = 0; i < lines && from + i < ui.overlay.size(); i++) {
            g.putString(left + 2, top + 1 + i, Formats.fit(ui.overlay.get(from + i), bw - 4));
        }
    }

    /** A framed, cleared box with {@code title} in its top edge. */
    static void box(Frame g, int left, int top, int bw, int bh, String title) {
        g.fillRectangle(new TerminalPosition(left, top), new TerminalSize(bw, bh), ' ');
        g.drawRectangle(new TerminalPosition(left, top), new TerminalSize(bw, bh), '─');
        g.putString(left, top, "┌");
        g.putString(left + bw - 1, top, "┐");
        g.putString(left, top + bh - 1, "└");
        g.putString(left + bw - 1, top + bh - 1, "┘");
        for (int r = 1; r < bh - 1; r++) {
            g.putString(left, top + r, "│");
            g.putString(left + bw - 1, top + r, "│");
        }
        g.putString(left + 2, top, Formats.fit(" " + title + " ", Math.max(0, bw - 4)), SGR.BOLD);
    }

    private void status(Frame g, int row, int w) {
        String text = ui.status;
        if (ui.mode == UiState.Mode.COMMAND && !ui.completions.isEmpty()) {
            text = "  " + String.join("  ", ui.completions);
        }
        if (text.isEmpty()) {
            return;
        }
        g.setForegroundColor(ui.statusIsError ? TextColor.ANSI.RED_BRIGHT : TextColor.ANSI.GREEN);
        g.putString(0, row, Formats.fit(text, w));
        g.setForegroundColor(TextColor.ANSI.DEFAULT);
    }

    private void hints(Frame g, int row, int w) {
        bar(g, row, w);
        String text = switch (ui.mode) {
            case COMMAND -> ":" + ui.line;
            case FILTER -> "/" + ui.line;
            case CONFIRM -> " confirm? y / n";
            case ROLLOUT_MENU -> " rollout " + ui.menuApp + ": p promote  z pause  c resume  a abort  u undo  esc cancel";
            case OVERLAY -> " esc close  up/down scroll";
            case FORM -> " tab/down next field  up previous  enter apply (asks y/n)  esc cancel";
            case BROWSE -> browseHints(w);
        };
        g.putString(0, row, Formats.fit(text, w));
        g.setBackgroundColor(TextColor.ANSI.DEFAULT);
        g.setForegroundColor(TextColor.ANSI.DEFAULT);
    }

    /** As many key hints as fit, most useful first; "q quit" always last. */
    private String browseHints(int w) {
        List<String> hints = new java.util.ArrayList<>(List.of("? help", ": cmd", "/ filter", "enter drill", "esc back", "l logs", "d describe"));
        if (!model.readonly()) {
            hints.addAll(List.of("s scale", "r rollout", "p plan"));
        }
        if (model.sessions().size() > 1) {
            hints.addAll(List.of("tab cluster", "a all"));
        }
        String quit = "  q quit";
        StringBuilder sb = new StringBuilder();
        for (String h : hints) {
            if (sb.length() + 2 + h.length() + quit.length() > w) {
                break;
            }
            sb.append("  ").append(h);
        }
        return sb.append(quit).substring(1);
    }

    /** Where the cursor goes while a line is typed (after it), else null (hidden). */
    TerminalPosition cursor(TerminalSize size) {
        if (ui.mode == UiState.Mode.FORM) {
            return model.form().map(d -> form.cursor(d, TOP, size.getColumns(), size.getRows() - TOP - BOTTOM)).orElse(null);
        }
        if (ui.mode == UiState.Mode.COMMAND || ui.mode == UiState.Mode.FILTER) {
            return new TerminalPosition(Math.min(size.getColumns() - 1, ui.line.length() + 1), size.getRows() - 1);
        }
        return null;
    }

    private static void bar(Frame g, int row, int w) {
        g.setBackgroundColor(Palette.BAR);
        g.setForegroundColor(Palette.BAR_TEXT);
        g.putString(0, row, " ".repeat(w));
    }

    private static void put(Frame g, int x, int y, String text, int w, SGR... sgr) {
        if (x >= w) {
            return;
        }
        String t = text.length() > w - x ? text.substring(0, w - x) : text;
        if (sgr.length == 0) {
            g.putString(x, y, t);
        } else {
            g.putString(x, y, t, sgr[0], java.util.Arrays.copyOfRange(sgr, 1, sgr.length));
        }
    }
}
