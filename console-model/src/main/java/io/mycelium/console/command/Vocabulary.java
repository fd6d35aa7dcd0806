package io.mycelium.console.command;

import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The names completion can offer: what the open clusters hold now, and the current view's columns.
 *
 * @param digests spore digests the clusters know: planned, running, or held by an agent (published)
 */
public record Vocabulary(SortedSet<String> apps, SortedSet<String> instances, SortedSet<String> nodes, List<String> clusters,
                         List<String> columns, SortedSet<String> digests) {
    public Vocabulary {
        digests = new TreeSet<>(digests);
        apps = new TreeSet<>(apps);
        instances = new TreeSet<>(instances);
        nodes = new TreeSet<>(nodes);
        clusters = List.copyOf(clusters);
        columns = List.copyOf(columns);
    }

    List<String> of(ArgKind kind) {
        return switch (kind) {
            case APP -> List.copyOf(apps);
            case INSTANCE -> List.copyOf(instances);
            case NODE -> List.copyOf(nodes);
            case APP_OR_NODE -> union(apps, nodes);
            case APP_OR_INSTANCE -> union(apps, instances);
            case CLUSTER -> {
                List<String> out = new java.util.ArrayList<>(clusters);
                out.add("all");
                yield out;
            }
            case ROLLOUT_ACTION -> java.util.Arrays.stream(RolloutAction.values()).map(RolloutAction::word).toList();
            case COLUMN -> columns.stream().map(c -> c.toLowerCase(java.util.Locale.ROOT).replace(' ', '-')).toList();
            case DIGEST -> List.copyOf(digests);
            case COUNT, FILE, TEXT -> List.of();
        };
    }

    private static List<String> union(SortedSet<String> a, SortedSet<String> b) {
        TreeSet<String> out = new TreeSet<>(a);
        out.addAll(b);
        return List.copyOf(out);
    }
}
