package io.mycelium.console.graph;

import io.mycelium.console.graph.MyceliumGraph.Hub;
import io.mycelium.console.graph.MyceliumGraph.Hypha;
import io.mycelium.console.view.Tone;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The graph grouped for drawing: one group per agent (its instances around it) or per app (its
 * instances on every agent), on a square grid in name order, so a group keeps its cell while
 * others change. Above {@code simplifyAbove} instances, groups whose every instance serves are
 * collapsed to one count; groups with a failing or starting instance always stay whole.
 */
public record GraphGroups(By by, int columns, boolean simplified, List<Group> groups) {
    /** What a group gathers. */
    public enum By {
        NODE, APP;

        public String word() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * One group at grid cell ({@code column}, {@code row}); {@code visible}: its agent is seen
     * (always true for an app); {@code collapsed}: drawn as a count, its hyphae not one by one.
     */
    public record Group(String name, boolean visible, int cpuPercent, List<Hypha> hyphae, boolean collapsed, int column, int row) {
        public Group {
            hyphae = List.copyOf(hyphae);
        }

        public boolean healthy() {
            return visible && hyphae.stream().allMatch(h -> h.tone() == Tone.GOOD);
        }

        public long count(Tone tone) {
            return hyphae.stream().filter(h -> h.tone() == tone).count();
        }
    }

    public GraphGroups {
        groups = List.copyOf(groups);
    }

    public static GraphGroups of(MyceliumGraph graph, By by, int simplifyAbove) {
        Map<String, List<Hypha>> members = new TreeMap<>();
        Map<String, Hub> hubs = new TreeMap<>();
        for (Hub h : graph.hubs()) {
            hubs.put(h.node(), h);
            if (by == By.NODE) {
                members.put(h.node(), h.hyphae());
            } else {
                h.hyphae().forEach(y -> members.computeIfAbsent(y.app(), k -> new ArrayList<>()).add(y));
            }
        }
        int total = members.values().stream().mapToInt(List::size).sum();
        boolean simplify = total > simplifyAbove;
        int cols = Math.max(1, (int) Math.ceil(Math.sqrt(members.size())));
        List<Group> out = new ArrayList<>();
        int i = 0;
        for (Map.Entry<String, List<Hypha>> e : members.entrySet()) {
            Hub hub = by == By.NODE ? hubs.get(e.getKey()) : null;
            boolean visible = hub == null || hub.visible();
            Group g = new Group(e.getKey(), visible, hub == null ? 0 : hub.cpuPercent(), e.getValue(), false, i % cols, i / cols);
            out.add(simplify && g.healthy() ? new Group(g.name(), true, g.cpuPercent(), g.hyphae(), true, g.column(), g.row()) : g);
            i++;
        }
        return new GraphGroups(by, cols, simplify, out);
    }
}
