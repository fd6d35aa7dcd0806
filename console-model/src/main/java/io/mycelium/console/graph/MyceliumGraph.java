package io.mycelium.console.graph;

import io.mycelium.console.model.ClusterSnapshot;
import io.mycelium.console.model.InstanceRow;
import io.mycelium.console.model.NodeRow;
import io.mycelium.console.view.Tone;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** The graph of one snapshot. Immutable. */
public record MyceliumGraph(String cluster, List<Hub> hubs, List<Router> routers) {
    /** An instance on its hub. */
    public record Hypha(String instance, String app, String state, Tone tone) {
    }

    /** An agent and what it runs; {@code visible}: the console sees it alive. */
    public record Hub(String node, boolean visible, int cpuPercent, List<Hypha> hyphae) {
        public Hub {
            hyphae = List.copyOf(hyphae);
        }

        /** How many of its instances serve. */
        public long serving() {
            return hyphae.stream().filter(h -> h.tone() == Tone.GOOD).count();
        }
    }

    /** An edge (or any router) and the hubs it routes to: those with a serving instance. */
    public record Router(String node, boolean visible, List<String> apps, List<String> hubs) {
        public Router {
            apps = List.copyOf(apps);
            hubs = List.copyOf(hubs);
        }
    }

    public MyceliumGraph {
        hubs = List.copyOf(hubs);
        routers = List.copyOf(routers);
    }

    public static MyceliumGraph of(ClusterSnapshot s) {
        Map<String, List<Hypha>> byNode = new LinkedHashMap<>();
        TreeSet<String> servedApps = new TreeSet<>();
        for (InstanceRow i : s.instances()) {
            Tone tone = switch (i.state()) {
                case "READY" -> Tone.GOOD;
                case "FAILED", "CRASH_LOOP" -> Tone.BAD;
                case "STOPPED" -> Tone.MUTED;
                default -> Tone.WARN;
            };
            byNode.computeIfAbsent(i.node(), k -> new ArrayList<>()).add(new Hypha(i.id(), i.app(), i.state(), tone));
            if (!i.endpoint().isEmpty()) {
                servedApps.add(i.app());
            }
        }
        List<Hub> hubs = new ArrayList<>();
        List<Router> routers = new ArrayList<>();
        for (NodeRow n : s.nodes()) {
            if (n.role().equals("agent")) {
                int cpu = n.cpuTotalMilli() <= 0 ? 0 : (int) Math.round(100.0 * n.cpuUsedMilli() / n.cpuTotalMilli());
                hubs.add(new Hub(n.id(), n.visible(), cpu, byNode.getOrDefault(n.id(), List.of())));
            }
        }
        List<String> serving = hubs.stream().filter(h -> h.visible() && h.serving() > 0).map(Hub::node).toList();
        for (NodeRow n : s.nodes()) {
            if (n.role().equals("edge")) {
                routers.add(new Router(n.id(), n.visible(), List.copyOf(servedApps), n.visible() ? serving : List.of()));
            }
        }
        return new MyceliumGraph(s.cluster(), hubs, routers);
    }

    /**
     * Places the hubs on a grid {@code columns} wide (row-major, in node order), routers on a row
     * of their own above them: cell coordinates a console multiplies by its cell size.
     */
    public Layout layout(int columns) {
        int cols = Math.max(1, columns);
        List<Layout.Cell> cells = new ArrayList<>();
        for (int i = 0; i < routers.size(); i++) {
            cells.add(new Layout.Cell(routers.get(i).node(), i % cols, i / cols, true));
        }
        int routerRows = routers.isEmpty() ? 0 : (routers.size() + cols - 1) / cols;
        for (int i = 0; i < hubs.size(); i++) {
            cells.add(new Layout.Cell(hubs.get(i).node(), i % cols, routerRows + i / cols, false));
        }
        int rows = routerRows + (hubs.size() + cols - 1) / cols;
        return new Layout(Math.min(cols, Math.max(hubs.size(), routers.size())), rows, cells);
    }

    /** Grid positions of the graph's members. */
    public record Layout(int columns, int rows, List<Cell> cells) {
        public record Cell(String node, int column, int row, boolean router) {
        }

        public Layout {
            cells = List.copyOf(cells);
        }
    }
}
