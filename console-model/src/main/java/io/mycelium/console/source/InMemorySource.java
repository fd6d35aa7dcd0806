package io.mycelium.console.source;

import io.mycelium.fabric.ClusterMember;
import io.mycelium.fabric.ClusterView;
import io.mycelium.fabric.SubmitResult;
import io.mycelium.fabric.membership.MemberStatus;
import io.mycelium.fabric.model.EndpointRecord;
import io.mycelium.fabric.model.InstanceRecord;
import io.mycelium.fabric.model.RecordKind;
import io.mycelium.fabric.model.Role;
import io.mycelium.fabric.state.FabricRecord;
import io.mycelium.fabric.state.Hlc;
import io.mycelium.fabric.state.OperatorRecords;
import io.mycelium.fabric.state.RecordKey;
import io.mycelium.fabric.state.Version;
import io.mycelium.fabric.model.Json;
import io.mycelium.spore.digest.Digest;
import io.mycelium.spore.key.KeyId;
import io.mycelium.spore.manifest.Manifest;
import io.mycelium.spore.verify.SporeInfo;
import io.mycelium.spore.key.SigningKey;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.LongSupplier;

/**
 * A cluster held in memory: members and records set by the caller, operator submits signed with a
 * real key and merged like the fabric merges them (a revision at or below the held one is stale).
 * For tests, the benchmark and demos; thread-safe, listeners run on the caller's thread.
 */
public final class InMemorySource implements ClusterSource {
    private final String name;
    private final LongSupplier clock;
    private final SigningKey operatorKey;
    private final Hlc hlc;
    private final Map<String, ClusterMember> members = new TreeMap<>();
    private final Map<RecordKey, FabricRecord> records = new TreeMap<>();
    private final Map<String, List<String>> logs = new HashMap<>();
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
    private final List<FabricRecord> submitted = new ArrayList<>();
    private final List<String> actions = new ArrayList<>();
    private final Map<Digest, Manifest> manifests = new HashMap<>();
    private long counter;
    private boolean connected = true;
    private String refuseNext;

    /** A cluster named {@code name}; {@code operatorKey} null makes it read-only. */
    public InMemorySource(String name, LongSupplier clock, SigningKey operatorKey) {
        this.name = Objects.requireNonNull(name, "name");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.operatorKey = operatorKey;
        this.hlc = new Hlc(clock::getAsLong);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public synchronized ClusterView view() {
        return new ClusterView("console", clock.getAsLong(), List.copyOf(members.values()), List.copyOf(records.values()));
    }

    @Override
    public void onChange(Runnable listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    @Override
    public synchronized boolean connected() {
        return connected;
    }

    @Override
    public Optional<KeyId> operator() {
        return Optional.ofNullable(operatorKey).map(SigningKey::id);
    }

    @Override
    public SubmitResult submit(Object payload, String app) {
        SubmitResult result;
        synchronized (this) {
            result = merge(payload, app);
        }
        if (result.accepted()) {
            changed();
        }
        return result;
    }

    @Override
    public long hlcNow() {
        return hlc.now();
    }

    /** Signs at the held revision + 1, as {@link io.mycelium.client.member.ConsoleMember#submit} does. */
    private SubmitResult merge(Object payload, String app) {
        if (operatorKey == null) {
            return SubmitResult.refused("this console has no operator key: it is read-only");
        }
        if (!connected) {
            return SubmitResult.refused("no member of " + name + " is reachable");
        }
        if (refuseNext != null) {
            String why = refuseNext;
            refuseNext = null;
            return SubmitResult.refused(why);
        }
        FabricRecord held = records.get(RecordKey.operator(RecordKind.of(payload), app));
        long revision = held == null ? 1 : held.version().major() + 1;
        FabricRecord signed = OperatorRecords.sign(operatorKey, payload, app, revision, hlc.now());
        records.put(signed.key(), signed);
        submitted.add(signed);
        return SubmitResult.ok();
    }

    /**
     * Records the request; a restart republishes the instance LAUNCHING with one more restart, a
     * stop republishes it DRAINING, as the agent would.
     */
    @Override
    public Outcome instanceAction(String node, String instanceId, String action) {
        InstanceRecord i;
        synchronized (this) {
            if (operatorKey == null) {
                return Outcome.refused("this console has no operator key: it is read-only");
            }
            if (refuseNext != null) {
                String why = refuseNext;
                refuseNext = null;
                return Outcome.refused(why);
            }
            FabricRecord r = records.get(RecordKey.node(RecordKind.INSTANCE, node, instanceId));
            if (r == null || r.tombstone()) {
                return Outcome.refused("agent refused: no instance '" + instanceId + "' on any live agent");
            }
            i = r.value(InstanceRecord.class).orElseThrow();
            actions.add(action + " " + instanceId + " on " + node);
        }
        boolean restart = action.equals("restart");
        publish(node, new InstanceRecord(i.instanceId(), i.app(), i.slot(), i.digest(),
                restart ? io.mycelium.fabric.model.InstanceState.LAUNCHING : io.mycelium.fabric.model.InstanceState.DRAINING,
                i.restarts() + (restart ? 1 : 0), restart ? "restarting on request" : "stopped on request", i.pid()));
        return Outcome.done((restart ? "restarting on request" : "stopped on request") + " on " + node);
    }

    /** Holds the spore's manifest as an agent's repository would; refused without an operator key. */
    @Override
    public synchronized Outcome publish(SporeInfo spore) {
        if (operatorKey == null) {
            return Outcome.refused("this console has no operator key: it is read-only");
        }
        if (refuseNext != null) {
            String why = refuseNext;
            refuseNext = null;
            return Outcome.refused(why);
        }
        boolean created = manifests.put(spore.digest(), spore.manifest()) == null;
        actions.add("publish " + spore.digest());
        return Outcome.done((created ? "stored" : "already held") + " by agent-1");
    }

    @Override
    public synchronized Optional<Manifest> manifest(Digest digest) {
        return Optional.ofNullable(manifests.get(digest));
    }

    /** Every stop or restart ("action id on node") or publish ("publish digest") asked through this source. */
    public synchronized List<String> actions() {
        return List.copyOf(actions);
    }

    @Override
    public synchronized LogLines logs(String node, String instanceId, int tail) {
        List<String> all = logs.get(instanceId);
        if (all == null) {
            return LogLines.failed("no logs of " + instanceId + " on " + node);
        }
        return LogLines.of(all.subList(Math.max(0, all.size() - tail), all.size()));
    }

    @Override
    public void close() {
        listeners.clear();
    }

    /** Adds or replaces a member. */
    public InMemorySource member(String id, Role role, MemberStatus status) {
        synchronized (this) {
            members.put(id, new ClusterMember(id, role, "127.0.0.1", 7946, 7070, status, 0, false));
        }
        changed();
        return this;
    }

    /** Publishes one of {@code node}'s own records (node info, capacity, telemetry, an instance or endpoint). */
    public InMemorySource publish(String node, Object payload) {
        synchronized (this) {
            RecordKind kind = RecordKind.of(payload);
            String key = switch (payload) {
                case InstanceRecord i -> i.instanceId();
                case EndpointRecord e -> e.instanceId();
                default -> "";
            };
            RecordKey rk = RecordKey.node(kind, node, key);
            records.put(rk, new FabricRecord(rk, new Version(1, ++counter, ""), Json.write(payload), ""));
        }
        changed();
        return this;
    }

    /** Removes one of {@code node}'s instance (and endpoint) records, as when it stops. */
    public InMemorySource remove(String node, String instanceId) {
        synchronized (this) {
            records.remove(RecordKey.node(RecordKind.INSTANCE, node, instanceId));
            records.remove(RecordKey.node(RecordKind.ENDPOINT, node, instanceId));
        }
        changed();
        return this;
    }

    /** Adds a record as it is, e.g. one signed by another operator. */
    public InMemorySource put(FabricRecord record) {
        synchronized (this) {
            records.put(record.key(), record);
        }
        changed();
        return this;
    }

    public InMemorySource connected(boolean value) {
        synchronized (this) {
            connected = value;
        }
        changed();
        return this;
    }

    /** The next submit is refused with {@code reason} (an agent refusing a command). */
    public synchronized void refuseNext(String reason) {
        refuseNext = reason;
    }

    public synchronized void logs(String instanceId, List<String> lines) {
        logs.put(instanceId, List.copyOf(lines));
    }

    /** Every record submitted through this source, in order. */
    public synchronized List<FabricRecord> submitted() {
        return List.copyOf(submitted);
    }

    private void changed() {
        for (Runnable l : listeners) {
            l.run();
        }
    }
}
