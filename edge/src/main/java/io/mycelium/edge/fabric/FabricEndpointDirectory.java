package io.mycelium.edge.fabric;

import io.mycelium.edge.route.AppEndpoints;
import io.mycelium.edge.route.Endpoint;
import io.mycelium.edge.route.EndpointDirectory;
import io.mycelium.edge.route.RevisionSplit;
import io.mycelium.fabric.ClusterView;
import io.mycelium.fabric.Fabric;
import io.mycelium.fabric.FabricChange;
import io.mycelium.fabric.model.EndpointRecord;
import io.mycelium.fabric.model.EndpointState;
import io.mycelium.fabric.model.RecordKind;
import io.mycelium.fabric.rollout.RolloutDecision;
import io.mycelium.fabric.rollout.Rollouts;
import io.mycelium.fabric.rollout.TrafficSplit;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
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
 * from a {@link ClusterView} whenever an input of routing changes (endpoints, plans, rollout
 * commands and progress, instance records, the membership: endpoints of members that died drop
 * out) and on each {@link #refresh()} the edge's rollout tick makes (the rollout decision also
 * moves with time), so requests only read a volatile map. Each app's split across revisions is
 * the rollout decision's ({@link Rollouts#next}, at the view's time): every edge with the same
 * view routes alike.
 * Snapshots that did not change keep their identity, and listeners hear only of apps that changed.
 * Thread-safe; rebuilds run on the fabric's listener thread and are serialized.
 */
public final class FabricEndpointDirectory implements EndpointDirectory {

    /** The record kinds whose changes can change a snapshot. */
    private static final EnumSet<RecordKind> INPUTS = EnumSet.of(RecordKind.ENDPOINT, RecordKind.PLAN, RecordKind.ROLLOUT,
            RecordKind.ROLLOUT_PROGRESS, RecordKind.INSTANCE);

    private final Supplier<ClusterView> views;
    private final List<Consumer<String>> listeners = new CopyOnWriteArrayList<>();
    private volatile Map<String, AppEndpoints> apps = Map.of();
    private volatile Map<String, RolloutDecision> decisions = Map.of();

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

    /** The rollout decision behind the app's current snapshot (empty: the app has no plan). */
    public Optional<RolloutDecision> decision(String app) {
        return Optional.ofNullable(decisions.get(app));
    }

    /** Apps with a snapshot, sorted. */
    public List<String> apps() {
        return apps.keySet().stream().sorted().toList();
    }

    @Override
    public void addListener(Consumer<String> changedApp) {
        listeners.add(changedApp);
    }

    private void onChange(FabricChange change) {
        if (change.record() != null) {
            RecordKind kind = change.record().key().kind();
            if (!INPUTS.contains(kind)) {
                return;
            }
        }
        refresh();
    }

    /** Rebuilds every app's snapshot from the current view and tells listeners what changed. */
    public synchronized void refresh() {
        ClusterView view = views.get();
        Map<String, RolloutDecision> decided = Rollouts.next(view, Instant.ofEpochMilli(view.takenAtMillis()));
        Map<String, AppEndpoints> before = apps;
        Map<String, AppEndpoints> after = new HashMap<>();
        List<String> changed = new ArrayList<>();
        for (String app : view.apps()) {
            AppEndpoints fresh = snapshot(view, app, Optional.ofNullable(decided.get(app)));
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
        decisions = Map.copyOf(decided);
        apps = Map.copyOf(after);
        for (String app : changed) {
            for (Consumer<String> l : listeners) {
                l.accept(app);
            }
        }
    }

    static AppEndpoints snapshot(ClusterView view, String app, Optional<RolloutDecision> decision) {
        List<EndpointRecord> records = view.endpoints(app);
        List<Endpoint> endpoints = new ArrayList<>(records.size());
        for (EndpointRecord r : records) {
            endpoints.add(new Endpoint(r.instanceId(), r.host(), r.port(),
                    r.state() == EndpointState.READY ? Endpoint.State.READY : Endpoint.State.DRAINING,
                    r.digest().toString()));
        }
        endpoints.sort(java.util.Comparator.comparing(Endpoint::id));
        return new AppEndpoints(app, decision.map(d -> split(d.split())).orElse(RevisionSplit.ANY), endpoints);
    }

    /** The decision's split in the edge's terms (revisions as digest strings). */
    static RevisionSplit split(TrafficSplit split) {
        java.util.TreeMap<String, Integer> weights = new java.util.TreeMap<>();
        split.weights().forEach((d, w) -> weights.put(d.toString(), w));
        return new RevisionSplit(weights, split.preview() == null ? null : split.preview().toString());
    }
}
