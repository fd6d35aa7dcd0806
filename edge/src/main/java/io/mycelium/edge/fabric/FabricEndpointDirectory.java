package io.mycelium.edge.fabric;

import io.mycelium.edge.route.AppEndpoints;
import io.mycelium.edge.route.Endpoint;
import io.mycelium.edge.route.EndpointDirectory;
import io.mycelium.fabric.ClusterView;
import io.mycelium.fabric.Fabric;
import io.mycelium.fabric.FabricChange;
import io.mycelium.fabric.model.EndpointRecord;
import io.mycelium.fabric.model.EndpointState;
import io.mycelium.fabric.model.RecordKind;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * An {@link EndpointDirectory} over the fabric. It keeps one immutable snapshot per app, rebuilt
 * from a {@link ClusterView} whenever an endpoint, plan or rollout record or the membership
 * changes (endpoints of members that died drop out), so requests only read a volatile map.
 * Snapshots that did not change keep their identity, and listeners hear only of apps that changed.
 * Thread-safe; rebuilds run on the fabric's listener thread and are serialized.
 */
public final class FabricEndpointDirectory implements EndpointDirectory {

    private final Supplier<ClusterView> views;
    private final List<Consumer<String>> listeners = new CopyOnWriteArrayList<>();
    private volatile Map<String, AppEndpoints> apps = Map.of();

    /** Follows {@code fabric}: reads its view now and after every relevant change. */
    public static FabricEndpointDirectory follow(Fabric fabric) {
        FabricEndpointDirectory d = new FabricEndpointDirectory(fabric::view);
        fabric.addListener(d::onChange);
        d.refresh();
        return d;
    }

    /** A directory fed from {@code views}; call {@link #refresh()} after changes. */
    public FabricEndpointDirectory(Supplier<ClusterView> views) {
        this.views = Objects.requireNonNull(views, "views");
    }

    @Override
    public Optional<AppEndpoints> app(String app) {
        return Optional.ofNullable(apps.get(app));
    }

    @Override
    public void addListener(Consumer<String> changedApp) {
        listeners.add(changedApp);
    }

    private void onChange(FabricChange change) {
        if (change.record() != null) {
            RecordKind kind = change.record().key().kind();
            if (kind != RecordKind.ENDPOINT && kind != RecordKind.PLAN && kind != RecordKind.ROLLOUT) {
                return;
            }
        }
        refresh();
    }

    /** Rebuilds every app's snapshot from the current view and tells listeners what changed. */
    public synchronized void refresh() {
        ClusterView view = views.get();
        Map<String, AppEndpoints> before = apps;
        Map<String, AppEndpoints> after = new HashMap<>();
        List<String> changed = new ArrayList<>();
        for (String app : view.apps()) {
            AppEndpoints fresh = snapshot(view, app);
            AppEndpoints old = before.get(app);
            if (fresh.equals(old)) {
                after.put(app, old);
            } else {
                after.put(app, fresh);
                changed.add(app);
            }
        }
        for (String app : before.keySet()) {
            if (!after.containsKey(app)) {
                changed.add(app);
            }
        }
        apps = Map.copyOf(after);
        for (String app : changed) {
            for (Consumer<String> l : listeners) {
                l.accept(app);
            }
        }
    }

    static AppEndpoints snapshot(ClusterView view, String app) {
        List<EndpointRecord> records = view.endpoints(app);
        List<Endpoint> endpoints = new ArrayList<>(records.size());
        for (EndpointRecord r : records) {
            endpoints.add(new Endpoint(r.instanceId(), r.host(), r.port(),
                    r.state() == EndpointState.READY ? Endpoint.State.READY : Endpoint.State.DRAINING,
                    r.digest().toString()));
        }
        endpoints.sort(java.util.Comparator.comparing(Endpoint::id));
        Optional<String> active = ActiveRevision.of(view.plan(app), Optional.ofNullable(view.rolloutCommands().get(app)), records);
        return new AppEndpoints(app, active, endpoints);
    }
}
