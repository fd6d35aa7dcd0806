package io.mycelium.fabric;

import io.mycelium.fabric.model.Budget;
import io.mycelium.fabric.model.Capacity;
import io.mycelium.fabric.model.EndpointRecord;
import io.mycelium.fabric.model.EndpointState;
import io.mycelium.fabric.model.Holdings;
import io.mycelium.fabric.model.InstanceRecord;
import io.mycelium.fabric.model.NodeInfo;
import io.mycelium.fabric.model.Plan;
import io.mycelium.fabric.model.RecordKind;
import io.mycelium.fabric.model.Role;
import io.mycelium.fabric.model.RolloutCommand;
import io.mycelium.fabric.model.Telemetry;
import io.mycelium.fabric.state.FabricRecord;
import io.mycelium.fabric.state.RecordKey;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * An immutable snapshot of what one member sees: the members (with status) and every record. The
 * input of the pure decision functions (placement, rollout steps, ledger): two nodes with equal
 * views decide the same. Typed queries parse each payload once per view (the view is immutable, so
 * the parsed value is kept with it: a decision that asks for every app's instances does not parse
 * every record again per app); tombstones are hidden from them. Thread-safe.
 */
public final class ClusterView {
    private final String self;
    private final long takenAtMillis;
    private final Map<String, ClusterMember> members;
    private final Map<RecordKey, FabricRecord> records;
    private final Map<RecordKind, List<FabricRecord>> byKind = new java.util.EnumMap<>(RecordKind.class);
    private final Map<RecordKey, Parsed> parsed = new java.util.concurrent.ConcurrentHashMap<>();
    /** Usage records by app then node, built on first use (a view never changes: racing builders build the same). */
    private volatile Map<String, Map<String, io.mycelium.fabric.model.Usage>> usageByApp;
    private volatile LiveByApp liveByApp;

    /** A record of this view and its typed payload. */
    private record Parsed(FabricRecord record, Object value) {
    }

    public ClusterView(String self, long takenAtMillis, Collection<ClusterMember> members, Collection<FabricRecord> records) {
        this.self = Objects.requireNonNull(self, "self");
        this.takenAtMillis = takenAtMillis;
        Map<String, ClusterMember> m = new TreeMap<>();
        for (ClusterMember c : members) {
            m.put(c.id(), c);
        }
        this.members = java.util.Collections.unmodifiableMap(m);
        Map<RecordKey, FabricRecord> r = new TreeMap<>();
        for (FabricRecord f : records) {
            r.put(f.key(), f);
        }
        this.records = java.util.Collections.unmodifiableMap(r);
        for (FabricRecord f : r.values()) {
            byKind.computeIfAbsent(f.key().kind(), k -> new ArrayList<>()).add(f);
        }
    }

    /** The records of one kind, tombstones included, in key order. */
    public List<FabricRecord> records(RecordKind kind) {
        return java.util.Collections.unmodifiableList(byKind.getOrDefault(kind, List.of()));
    }

    /**
     * The typed payload of {@code r}, parsed once per view when {@code r} is this view's record
     * (otherwise as {@link FabricRecord#value}); empty for a tombstone.
     */
    public <T> Optional<T> value(FabricRecord r, Class<T> type) {
        if (r.tombstone()) {
            return Optional.empty();
        }
        Parsed p = parsed.get(r.key());
        if (p == null || p.record() != r) {
            if (records.get(r.key()) != r) {
                return r.value(type);
            }
            p = parsed.computeIfAbsent(r.key(), k -> new Parsed(r, r.value(type).orElseThrow()));
        }
        return Optional.of(type.isInstance(p.value()) ? type.cast(p.value()) : r.value(type).orElseThrow());
    }

    /**
     * Takes over {@code earlier}'s parsed payloads of the records this view holds unchanged (the
     * very same record object), so a console or agent that takes a view per change parses only
     * the records that changed. What the view answers does not change; returns this view.
     */
    public ClusterView sharingParsedWith(ClusterView earlier) {
        if (earlier == null || earlier == this) {
            return this;
        }
        earlier.parsed.forEach((key, p) -> {
            if (records.get(key) == p.record()) {
                parsed.putIfAbsent(key, p);
            }
        });
        return this;
    }

    /** The id of the member that took this view. */
    public String self() {
        return self;
    }

    public long takenAtMillis() {
        return takenAtMillis;
    }

    /** Every member known, alive or not, by id. */
    public Collection<ClusterMember> members() {
        return members.values();
    }

    public Optional<ClusterMember> member(String id) {
        return Optional.ofNullable(members.get(id));
    }

    public List<ClusterMember> liveMembers() {
        return members.values().stream().filter(ClusterMember::alive).toList();
    }

    public List<ClusterMember> liveMembers(Role role) {
        return members.values().stream().filter(m -> m.alive() && m.role() == role).toList();
    }

    public boolean isLive(String nodeId) {
        ClusterMember m = members.get(nodeId);
        return m != null && m.alive();
    }

    /** Every record, tombstones included, in key order. */
    public Collection<FabricRecord> records() {
        return records.values();
    }

    public Optional<FabricRecord> record(RecordKey key) {
        return Optional.ofNullable(records.get(key));
    }

    private <T> Map<String, T> operatorRecords(RecordKind kind, Class<T> type) {
        Map<String, T> out = new TreeMap<>();
        for (FabricRecord r : records(kind)) {
            if (!r.tombstone()) {
                out.put(r.key().name(), value(r, type).orElseThrow());
            }
        }
        return out;
    }

    /** Plans by app. */
    public Map<String, Plan> plans() {
        return operatorRecords(RecordKind.PLAN, Plan.class);
    }

    public Optional<Plan> plan(String app) {
        return Optional.ofNullable(plans().get(app));
    }

    /** The revision of an app's plan record (0 if none), for the next submit. */
    public long planRevision(String app) {
        FabricRecord r = records.get(RecordKey.operator(RecordKind.PLAN, app));
        return r == null ? 0 : r.version().major();
    }

    public Map<String, Budget> budgets() {
        return operatorRecords(RecordKind.BUDGET, Budget.class);
    }

    /** The cluster's price record, if an operator set one (see {@code ledger.Prices} for the default). */
    public Optional<io.mycelium.fabric.model.Price> price() {
        return Optional.ofNullable(operatorRecords(RecordKind.PRICE, io.mycelium.fabric.model.Price.class).get(io.mycelium.fabric.model.Price.CLUSTER));
    }

    /** Every node's usage record of {@code app}, by node id, live or not (spending stays spent). */
    public Map<String, io.mycelium.fabric.model.Usage> usage(String app) {
        Map<String, Map<String, io.mycelium.fabric.model.Usage>> byApp = usageByApp;
        if (byApp == null) {
            byApp = new java.util.HashMap<>();
            for (FabricRecord r : records(RecordKind.USAGE)) {
                if (!r.tombstone()) {
                    byApp.computeIfAbsent(r.key().name(), a -> new TreeMap<>())
                            .put(r.key().owner(), value(r, io.mycelium.fabric.model.Usage.class).orElseThrow());
                }
            }
            usageByApp = byApp;
        }
        return java.util.Collections.unmodifiableMap(byApp.getOrDefault(app, Map.of()));
    }

    public Map<String, RolloutCommand> rolloutCommands() {
        return operatorRecords(RecordKind.ROLLOUT, RolloutCommand.class);
    }

    private <T> Optional<T> nodeRecord(RecordKind kind, String node, Class<T> type) {
        FabricRecord r = records.get(RecordKey.node(kind, node, ""));
        return r == null ? Optional.empty() : value(r, type);
    }

    public Optional<NodeInfo> nodeInfo(String node) {
        return nodeRecord(RecordKind.NODE, node, NodeInfo.class);
    }

    public Optional<Capacity> capacity(String node) {
        return nodeRecord(RecordKind.CAPACITY, node, Capacity.class);
    }

    public Optional<Telemetry> telemetry(String node) {
        return nodeRecord(RecordKind.TELEMETRY, node, Telemetry.class);
    }

    /** The spores a node says it holds. */
    public Optional<Holdings> holdings(String node) {
        return nodeRecord(RecordKind.HOLDINGS, node, Holdings.class);
    }

    /** Live members whose holdings list {@code digest}, in id order. */
    public List<String> holders(io.mycelium.spore.digest.Digest digest) {
        List<String> out = new ArrayList<>();
        for (ClusterMember m : members.values()) {
            if (m.alive() && holdings(m.id()).map(h -> h.holds(digest)).orElse(false)) {
                out.add(m.id());
            }
        }
        return out;
    }

    /** The instances a node reports, live or not. */
    public List<InstanceRecord> instancesOn(String node) {
        List<InstanceRecord> out = new ArrayList<>();
        for (FabricRecord r : records(RecordKind.INSTANCE)) {
            if (r.key().owner().equals(node) && !r.tombstone()) {
                out.add(value(r, InstanceRecord.class).orElseThrow());
            }
        }
        return out;
    }

    /** Instances of an app on live nodes, keyed by node id. */
    public Map<String, List<InstanceRecord>> instances(String app) {
        Map<String, List<InstanceRecord>> on = liveByApp().instances().get(app);
        if (on == null) {
            return new TreeMap<>();
        }
        Map<String, List<InstanceRecord>> out = new TreeMap<>();
        on.forEach((node, list) -> out.put(node, new ArrayList<>(list)));
        return out;
    }

    /** Endpoints of an app published by live members (READY and DRAINING). */
    public List<EndpointRecord> endpoints(String app) {
        return new ArrayList<>(liveByApp().endpoints().getOrDefault(app, List.of()));
    }

    /**
     * The live nodes' instances and endpoints by app, indexed once per view: decisions ask for
     * every app's instances, and a scan of every record per app is quadratic in a big cluster.
     */
    private LiveByApp liveByApp() {
        LiveByApp index = liveByApp;
        if (index == null) {
            Map<String, Map<String, List<InstanceRecord>>> instances = new java.util.HashMap<>();
            for (FabricRecord r : records(RecordKind.INSTANCE)) {
                if (!r.tombstone() && isLive(r.key().owner())) {
                    InstanceRecord i = value(r, InstanceRecord.class).orElseThrow();
                    instances.computeIfAbsent(i.app(), k -> new TreeMap<>()).computeIfAbsent(r.key().owner(), k -> new ArrayList<>()).add(i);
                }
            }
            Map<String, List<EndpointRecord>> endpoints = new java.util.HashMap<>();
            for (FabricRecord r : records(RecordKind.ENDPOINT)) {
                if (!r.tombstone() && isLive(r.key().owner())) {
                    EndpointRecord e = value(r, EndpointRecord.class).orElseThrow();
                    endpoints.computeIfAbsent(e.app(), k -> new ArrayList<>()).add(e);
                }
            }
            index = new LiveByApp(instances, endpoints);
            liveByApp = index;
        }
        return index;
    }

    /** The index of {@link #liveByApp()}; built by whichever thread asks first, the same on every thread. */
    private record LiveByApp(Map<String, Map<String, List<InstanceRecord>>> instances, Map<String, List<EndpointRecord>> endpoints) {
    }

    public List<EndpointRecord> readyEndpoints(String app) {
        return endpoints(app).stream().filter(e -> e.state() == EndpointState.READY).toList();
    }

    /** Apps that have a plan or a live endpoint. */
    public Set<String> apps() {
        Set<String> out = new java.util.TreeSet<>(plans().keySet());
        for (FabricRecord r : records(RecordKind.ENDPOINT)) {
            if (!r.tombstone() && isLive(r.key().owner())) {
                out.add(value(r, EndpointRecord.class).orElseThrow().app());
            }
        }
        return out;
    }
}
