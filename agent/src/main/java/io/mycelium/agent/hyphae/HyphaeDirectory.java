package io.mycelium.agent.hyphae;

import io.mycelium.edge.fabric.FabricEndpointDirectory;
import io.mycelium.edge.route.AppEndpoints;
import io.mycelium.edge.route.EndpointDirectory;
import io.mycelium.fabric.ClusterView;
import io.mycelium.fabric.Fabric;
import io.mycelium.fabric.FabricChange;
import io.mycelium.fabric.model.RecordKind;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * One side of a hyphae router's view of the apps: the edge's {@link FabricEndpointDirectory}
 * snapshots, each mapped by {@link HyphaeRoutes} for callers on this node or for peers. Rebuilt
 * when the source changes and when a node's {@code hyphae} record or an endpoint changes; a
 * snapshot that did not change keeps its identity (the engine caches by identity). Thread-safe.
 */
final class HyphaeDirectory implements EndpointDirectory {

    private final FabricEndpointDirectory source;
    private final Supplier<ClusterView> views;
    private final BiFunction<AppEndpoints, HyphaeRoutes.Nodes, AppEndpoints> map;
    private final List<Consumer<String>> listeners = new CopyOnWriteArrayList<>();
    private volatile Map<String, AppEndpoints> apps = Map.of();

    HyphaeDirectory(FabricEndpointDirectory source, Supplier<ClusterView> views,
                    BiFunction<AppEndpoints, HyphaeRoutes.Nodes, AppEndpoints> map) {
        this.source = Objects.requireNonNull(source, "source");
        this.views = Objects.requireNonNull(views, "views");
        this.map = Objects.requireNonNull(map, "map");
        source.addListener(app -> refresh());
        refresh();
    }

    /** Also rebuilds on the changes of {@code fabric} that move an address (the source's listener covers the rest). */
    HyphaeDirectory following(Fabric fabric) {
        fabric.addListener(this::onChange);
        return this;
    }

    private void onChange(FabricChange change) {
        if (change.record() == null || change.record().key().kind() == RecordKind.HYPHAE) {
            refresh();
        }
    }

    @Override
    public Optional<AppEndpoints> app(String app) {
        return Optional.ofNullable(apps.get(app));
    }

    @Override
    public void addListener(Consumer<String> changedApp) {
        listeners.add(changedApp);
    }

    synchronized void refresh() {
        HyphaeRoutes.Nodes nodes = HyphaeRoutes.nodes(views.get());
        Map<String, AppEndpoints> before = apps;
        Map<String, AppEndpoints> after = new HashMap<>();
        List<String> changed = new ArrayList<>();
        for (String app : source.apps()) {
            Optional<AppEndpoints> snapshot = source.app(app);
            if (snapshot.isEmpty()) {
                continue;
            }
            AppEndpoints fresh = map.apply(snapshot.get(), nodes);
            AppEndpoints old = before.get(app);
            after.put(app, fresh.equals(old) ? old : fresh);
            if (!fresh.equals(old)) {
                changed.add(app);
            }
        }
        before.keySet().stream().filter(a -> !after.containsKey(a)).forEach(changed::add);
        apps = Map.copyOf(after);
        changed.forEach(app -> listeners.forEach(l -> l.accept(app)));
    }
}
