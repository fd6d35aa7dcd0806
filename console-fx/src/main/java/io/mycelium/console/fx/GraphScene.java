package io.mycelium.console.fx;

import io.mycelium.console.graph.GraphGroups;
import io.mycelium.console.graph.GraphGroups.Group;
import io.mycelium.console.graph.MyceliumGraph;
import io.mycelium.console.graph.MyceliumGraph.Hypha;
import io.mycelium.console.graph.Provenance;
import io.mycelium.console.model.AppRow;
import io.mycelium.console.model.ClusterSnapshot;
import io.mycelium.console.view.Tone;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * What the graph draws of the shown clusters, worked out once per new snapshot and off the FX
 * thread (the dashboard's refresh thread): the graph, its groups, each group's provenance and
 * each app's requests/s per instance. Immutable; the canvas only paints it.
 */
record GraphScene(Grouping grouping, List<Part> parts, int columns, Set<String> instances) {
    static final GraphScene EMPTY = new GraphScene(Grouping.NODE, List.of(), 1, Set.of());

    /** What a group gathers on the canvas: an agent's instances, an app's, or a whole cluster's. */
    enum Grouping {
        NODE, APP, CLUSTER;

        String word() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** One cluster's share of the picture. */
    record Part(ClusterSnapshot snapshot, MyceliumGraph graph, List<Group> groups, boolean simplified,
                Map<String, Provenance> provenance, Map<String, Double> rpsPerInstance) {
        /** Whether {@code o} draws the same picture (the same groups, routes, provenance, traffic, title and calls). */
        boolean drawsLike(Part o) {
            return o != null && groups.equals(o.groups) && graph.routers().equals(o.graph.routers()) && simplified == o.simplified
                    && provenance.equals(o.provenance) && rpsPerInstance.equals(o.rpsPerInstance)
                    && snapshot.health().equals(o.snapshot.health()) && snapshot.calls().equals(o.snapshot.calls());
        }
    }

    /** Whether {@code o} draws the same picture as this scene: the canvas need not be painted again. */
    boolean drawsLike(GraphScene o) {
        if (o == null || o.grouping != grouping || o.parts.size() != parts.size() || o.columns != columns) {
            return false;
        }
        for (int i = 0; i < parts.size(); i++) {
            if (!parts.get(i).drawsLike(o.parts.get(i))) {
                return false;
            }
        }
        return true;
    }

    GraphScene {
        Objects.requireNonNull(grouping, "grouping");
        parts = List.copyOf(parts);
        instances = Set.copyOf(instances);
    }

    static GraphScene of(List<ClusterSnapshot> shown, Grouping grouping, int simplifyAbove) {
        List<Part> parts = new ArrayList<>();
        Set<String> instances = new HashSet<>();
        int columns = 1;
        for (ClusterSnapshot s : shown) {
            MyceliumGraph graph = MyceliumGraph.of(s);
            GraphGroups groups = grouping == Grouping.CLUSTER ? oneGroup(s, graph, simplifyAbove)
                    : GraphGroups.of(graph, grouping == Grouping.NODE ? GraphGroups.By.NODE : GraphGroups.By.APP, simplifyAbove);
            Map<String, Provenance> byApp = Provenance.ofApps(s.events());
            Map<String, Provenance> provenance = new HashMap<>();
            for (Group g : groups.groups()) {
                Set<String> apps = new TreeSet<>();
                g.hyphae().forEach(h -> apps.add(h.app()));
                provenance.put(g.name(), Provenance.of(apps, byApp));
                g.hyphae().forEach(h -> instances.add(h.instance()));
            }
            Map<String, Double> rps = new HashMap<>();
            for (AppRow a : s.apps()) {
                rps.put(a.app(), a.rps() / Math.max(1, a.ready()));
            }
            columns = Math.max(columns, groups.columns());
            parts.add(new Part(s, graph, groups.groups(), groups.simplified(), provenance, rps));
        }
        return new GraphScene(grouping, parts, columns, instances);
    }

    /** The whole cluster as one hub; collapsed to a count when big and every instance serves. */
    private static GraphGroups oneGroup(ClusterSnapshot s, MyceliumGraph graph, int simplifyAbove) {
        List<Hypha> all = new ArrayList<>();
        graph.hubs().forEach(h -> all.addAll(h.hyphae()));
        boolean simplify = all.size() > simplifyAbove;
        boolean healthy = all.stream().allMatch(h -> h.tone() == Tone.GOOD);
        Group g = new Group(s.cluster(), s.connected(), 0, all, simplify && healthy, 0, 0);
        return new GraphGroups(GraphGroups.By.NODE, 1, simplify, List.of(g));
    }

    /** How many grid rows in all, the clusters one below the other (for fitting the view). */
    double rows() {
        double rows = 0;
        for (Part p : parts) {
            // the title and the edges' row take 0.75 of a cell, the next cluster starts 0.4 below the last row
            rows += (rows > 0 ? 0.4 : 0) + 0.75 + (p.groups().isEmpty() ? 0 : p.groups().getLast().row() + 1);
        }
        return Math.max(1, rows);
    }
}
