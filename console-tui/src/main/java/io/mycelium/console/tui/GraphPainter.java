package io.mycelium.console.tui;

import com.googlecode.lanterna.SGR;
import com.googlecode.lanterna.TextColor;
import io.mycelium.console.format.Formats;
import io.mycelium.console.graph.MyceliumGraph;
import io.mycelium.console.graph.MyceliumGraph.Hub;
import io.mycelium.console.graph.MyceliumGraph.Hypha;
import io.mycelium.console.graph.MyceliumGraph.Router;
import io.mycelium.console.model.ConsoleModel;
import io.mycelium.console.view.Tone;
import java.util.ArrayList;
import java.util.List;

/**
 * Draws the mycelium graph: the edges on top with the hubs they route to, then one box per agent
 * (its hub) with its instances (hyphae) inside, coloured by state, laid out on the model's grid.
 * Only the grid rows on screen are drawn; the selected hub is kept in view.
 */
final class GraphPainter {
    /** The narrowest hub box; boxes widen to share the screen's width (up to twice this). */
    static final int BOX_WIDTH = 26;
    static final int MAX_HYPHAE = 5;

    private final ConsoleModel model;
    private final UiState ui;

    GraphPainter(ConsoleModel model, UiState ui) {
        this.model = model;
        this.ui = ui;
    }

    void paint(Frame g, int top, int w, int height) {
        List<MyceliumGraph> graphs = model.shown().stream().map(MyceliumGraph::of).toList();
        List<Hub> hubs = new ArrayList<>();
        List<Router> routers = new ArrayList<>();
        graphs.forEach(gr -> {
            hubs.addAll(gr.hubs());
            routers.addAll(gr.routers());
        });
        int y = top;
        for (Router r : routers) {
            if (y >= top + height) {
                return;
            }
            routerLine(g, y++, w, r);
        }
        if (hubs.isEmpty()) {
            g.putString(1, y, "no agents seen yet");
            return;
        }
        int cols = Math.max(1, Math.min(hubs.size(), w / BOX_WIDTH));
        int boxWidth = Math.max(BOX_WIDTH, Math.min(2 * BOX_WIDTH, w / cols));
        MyceliumGraph.Layout layout = new MyceliumGraph(model.current().snapshot().cluster(), hubs, List.of()).layout(cols);
        String key = model.selectedKey().orElse("");
        int selected = Math.max(0, indexOf(hubs, key));
        int boxHeight = 2 + Math.min(MAX_HYPHAE + 1, hubs.stream().mapToInt(h -> h.hyphae().size()).max().orElse(0));
        boxHeight = Math.max(3, boxHeight);
        int visibleRows = Math.max(1, (top + height - y) / boxHeight);
        int firstRow = ui.offset(model.navigator().route(), selected / cols, visibleRows);
        for (MyceliumGraph.Layout.Cell c : layout.cells()) {
            int row = c.row() - firstRow;
            if (row < 0 || row >= visibleRows) {
                continue;
            }
            int index = c.row() * cols + c.column();
            box(g, c.column() * boxWidth, y + row * boxHeight, boxWidth, boxHeight, hubs.get(index), index == selected);
        }
        if (layout.rows() > firstRow + visibleRows) {
            g.putString(w - 16, top + height - 1, "↓ more hubs", SGR.BOLD);
        }
    }

    private static void routerLine(Frame g, int y, int w, Router r) {
        g.setForegroundColor(r.visible() ? TextColor.ANSI.CYAN_BRIGHT : TextColor.ANSI.RED);
        String head = "◆ " + r.node() + (r.visible() ? "" : " (not seen)");
        g.putString(0, y, head, SGR.BOLD);
        g.setForegroundColor(TextColor.ANSI.DEFAULT);
        String routes = r.hubs().isEmpty() ? " routes to nothing yet"
                : " ══▶ " + String.join(" ", r.hubs()) + "  (" + String.join(", ", r.apps()) + ")";
        g.putString(head.length(), y, Formats.fit(routes, Math.max(0, w - head.length())));
    }

    private static void box(Frame g, int x, int y, int width, int height, Hub hub, boolean selected) {
        int inner = width - 3;
        String title = " " + hub.node() + (hub.visible() ? "" : " ?") + " ";
        String cpu = hub.visible() ? " cpu " + hub.cpuPercent() + "% " : " not seen ";
        int dashes = Math.max(0, inner - title.length() - cpu.length());
        g.setForegroundColor(hub.visible() ? TextColor.ANSI.DEFAULT : TextColor.ANSI.RED);
        g.putString(x, y, "┌" + Formats.fit(title, inner) + "─".repeat(dashes) + (title.length() + cpu.length() <= inner ? cpu : "") + "┐");
        if (selected) {
            g.putString(x + 1, y, Formats.fit(title, inner), SGR.REVERSE, SGR.BOLD);
        }
        for (int r = 1; r < height - 1; r++) {
            g.putString(x, y + r, "│" + " ".repeat(inner) + "│");
        }
        g.putString(x, y + height - 1, "└" + "─".repeat(inner) + "┘");
        List<Hypha> hyphae = hub.hyphae();
        int room = height - 2;
        for (int i = 0; i < Math.min(room, hyphae.size()); i++) {
            Hypha h = hyphae.get(i);
            if (i == room - 1 && hyphae.size() > room) {
                g.setForegroundColor(TextColor.ANSI.DEFAULT);
                g.putString(x + 1, y + 1 + i, Formats.fit(" +" + (hyphae.size() - i) + " more", inner));
                break;
            }
            g.setForegroundColor(Palette.tone(hub.visible() ? h.tone() : Tone.MUTED));
            g.putString(x + 1, y + 1 + i, Formats.fit("─● " + h.instance() + " " + stateWord(h.state()), inner));
        }
        g.setForegroundColor(TextColor.ANSI.DEFAULT);
    }

    private static String stateWord(String state) {
        return state.toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }

    private static int indexOf(List<Hub> hubs, String node) {
        for (int i = 0; i < hubs.size(); i++) {
            if (hubs.get(i).node().equals(node)) {
                return i;
            }
        }
        return -1;
    }
}
