package io.mycelium.fabric;

import io.mycelium.fabric.gossip.Disseminator;
import io.mycelium.fabric.gossip.GossipConfig;
import io.mycelium.fabric.gossip.PeerSampler;
import io.mycelium.fabric.membership.MemberInfo;
import io.mycelium.fabric.membership.MemberStatus;
import io.mycelium.fabric.membership.Membership;
import io.mycelium.fabric.membership.MembershipEvent;
import io.mycelium.fabric.metrics.FabricMetrics;
import io.mycelium.fabric.model.Json;
import io.mycelium.fabric.model.NodeInfo;
import io.mycelium.fabric.model.RecordKind;
import io.mycelium.fabric.model.Role;
import io.mycelium.fabric.state.FabricRecord;
import io.mycelium.fabric.state.Hlc;
import io.mycelium.fabric.state.MergeOutcome;
import io.mycelium.fabric.state.RecordKey;
import io.mycelium.fabric.state.StateFile;
import io.mycelium.fabric.state.StateStore;
import io.mycelium.fabric.state.Version;
import io.mycelium.fabric.time.Scheduler;
import io.mycelium.spore.key.TrustStore;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.logging.Logger;

/**
 * One member of the fabric: membership, the replicated state and its dissemination, persistence.
 * The facade the agent, the edge and the consoles use. Thread-safe.
 *
 * <p>Lifecycle: {@link #start()} loads the saved state, joins, publishes this node's
 * {@link NodeInfo} and starts the gossip rounds on the scheduler; {@link #close()} saves and leaves.
 * Listeners run on the fabric's threads and must not block.
 */
public final class Fabric implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(Fabric.class.getName());
    /** How long a removed member stays in the view, as DEAD. */
    static final long DEAD_RETENTION_MS = 10 * 60_000;

    private record Seen(MemberInfo info, MemberStatus status, long sinceMillis) {
    }

    private final FabricConfig config;
    private final Membership membership;
    private final Scheduler scheduler;
    private final FabricMetrics metrics;
    private final StateStore store;
    private final Disseminator disseminator;
    private final StateFile stateFile;
    private final Hlc hlc;
    private final Map<String, Seen> members = new LinkedHashMap<>();
    private final List<Consumer<FabricChange>> listeners = new CopyOnWriteArrayList<>();
    private final List<AutoCloseable> tasks = new ArrayList<>();
    private final long startedAt;
    private long incarnation;
    private long counter;
    private volatile boolean dirty;
    private volatile boolean started;

    public Fabric(FabricConfig config, Membership membership, Scheduler scheduler, TrustStore operators, FabricMetrics metrics) {
        this.config = Objects.requireNonNull(config, "config");
        this.membership = Objects.requireNonNull(membership, "membership");
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.store = new StateStore(operators, true);
        this.hlc = new Hlc(scheduler.clock());
        this.stateFile = config.dataDir() == null ? null : new StateFile(config.dataDir());
        this.startedAt = scheduler.clock().millis();
        PeerSampler peers = new PeerSampler() {
            @Override
            public List<String> sample(int k, java.util.random.RandomGenerator random, String exclude) {
                return PeerSampler.of(ids(false), config.nodeId()).sample(k, random, exclude);
            }

            @Override
            public int size() {
                return ids(false).size();
            }

            @Override
            public List<String> leaves() {
                return ids(true);
            }

            /** Other members that are consoles (leaves of the gossip), or the others. */
            private List<String> ids(boolean consoles) {
                List<String> ids = new ArrayList<>();
                for (MemberInfo m : membership.others()) {
                    if ((m.role() == Role.CONSOLE) == consoles) {
                        ids.add(m.id());
                    }
                }
                return ids;
            }
        };
        // the others never pick a console as a relay (see the sampler), so a console relays nothing either
        GossipConfig gossip = config.role() == Role.CONSOLE ? config.gossip().withRelay(false) : config.gossip();
        this.disseminator = new Disseminator(store, membership.transport(), peers, gossip, scheduler.clock(),
                new SplittableRandom(), metrics);
        store.addListener(r -> {
            dirty = true;
            if (r.key().kind().operator()) {
                hlc.observe(r.version().minor());
            }
            notifyListeners(FabricChange.of(r));
        });
        membership.addListener(this::onMembership);
    }

    public synchronized void start() {
        if (started) {
            return;
        }
        long now = scheduler.clock().millis();
        long last = 0;
        if (stateFile != null) {
            last = stateFile.lastIncarnation();
            int refused = 0;
            for (FabricRecord r : stateFile.load()) {
                if (store.offer(r, now).refused()) {
                    refused++;
                }
            }
            if (refused > 0) {
                LOG.warning("fabric: " + refused + " saved records were refused (operator key no longer trusted?)");
            }
        }
        incarnation = Math.max(last + 1, now);
        for (FabricRecord r : store.all()) {
            if (r.key().owner().equals(config.nodeId()) && r.version().major() >= incarnation) {
                incarnation = r.version().major() + 1;
            }
        }
        if (stateFile != null) {
            stateFile.saveIncarnation(incarnation);
        }
        synchronized (members) {
            members.put(config.nodeId(), new Seen(membership.self(), MemberStatus.ALIVE, now));
        }
        membership.start();
        started = true;
        publish(new NodeInfo(config.nodeId(), config.role(), config.labels(), config.apiUrl(), config.version()));
        var g = config.gossip();
        tasks.add(scheduler.every(g.intervalMs(), g.intervalMs(), disseminator::tick));
        tasks.add(scheduler.every(g.antiEntropyMs() / 2, g.antiEntropyMs(), disseminator::antiEntropyTick));
        if (stateFile != null) {
            tasks.add(scheduler.every(1_000, 1_000, this::saveIfDirty));
        }
    }

    private void onMembership(MembershipEvent e) {
        long now = scheduler.clock().millis();
        synchronized (members) {
            switch (e.type()) {
                case JOINED, UPDATED -> {
                    Seen old = members.get(e.member().id());
                    long since = old != null && old.status() == MemberStatus.ALIVE ? old.sinceMillis() : now;
                    members.put(e.member().id(), new Seen(e.member(), MemberStatus.ALIVE, since));
                }
                case LEAVING -> members.put(e.member().id(), new Seen(e.member(), MemberStatus.LEAVING, now));
                case REMOVED -> members.put(e.member().id(), new Seen(e.member(), MemberStatus.DEAD, now));
            }
            members.values().removeIf(s -> s.status() == MemberStatus.DEAD && now - s.sinceMillis() > DEAD_RETENTION_MS);
        }
        if (e.type() == MembershipEvent.Type.JOINED) {
            metrics.increment("members_joined");
            scheduler.later(0, () -> disseminator.syncWith(e.member().id()));
        } else if (e.type() == MembershipEvent.Type.REMOVED) {
            metrics.increment("members_removed");
        }
        notifyListeners(FabricChange.of(e));
    }

    /** Listeners run later on the scheduler, never under a lock of the fabric, so they may call back into it. */
    private void notifyListeners(FabricChange c) {
        if (listeners.isEmpty()) {
            return;
        }
        scheduler.later(0, () -> {
            for (Consumer<FabricChange> l : listeners) {
                try {
                    l.accept(c);
                } catch (RuntimeException ex) {
                    LOG.warning("fabric: a change listener failed: " + ex);
                }
            }
        });
    }

    /** This node's id. */
    public String nodeId() {
        return config.nodeId();
    }

    public FabricConfig config() {
        return config;
    }

    public FabricMetrics metrics() {
        return metrics;
    }

    public Membership membership() {
        return membership;
    }

    public long incarnation() {
        return incarnation;
    }

    /** A hybrid logical clock reading, for signing operator records at this node. */
    public long hlcNow() {
        return hlc.now();
    }

    public void addListener(Consumer<FabricChange> listener) {
        listeners.add(listener);
    }

    public void removeListener(Consumer<FabricChange> listener) {
        listeners.remove(listener);
    }

    /** An immutable snapshot of members and records. */
    public ClusterView view() {
        long now = scheduler.clock().millis();
        List<ClusterMember> out = new ArrayList<>();
        synchronized (members) {
            for (Seen s : members.values()) {
                MemberInfo i = s.info();
                out.add(new ClusterMember(i.id(), i.role(), i.host(), i.fabricPort(), i.apiPort(), s.status(),
                        Math.max(0, now - s.sinceMillis()), i.id().equals(config.nodeId())));
            }
        }
        return new ClusterView(config.nodeId(), now, out, store.all());
    }

    private RecordKey ownKey(RecordKind kind, String name) {
        if (kind.operator()) {
            throw new IllegalArgumentException(kind.wireName() + " is an operator record: sign it and use submit()");
        }
        return RecordKey.node(kind, config.nodeId(), name);
    }

    private static String nameOf(Object payload) {
        return switch (payload) {
            case io.mycelium.fabric.model.InstanceRecord i -> i.instanceId();
            case io.mycelium.fabric.model.EndpointRecord e -> e.instanceId();
            case io.mycelium.fabric.model.RolloutProgress p -> p.app();
            case io.mycelium.fabric.model.RoutingReport r -> r.app();
            case io.mycelium.fabric.model.Usage u -> u.app();
            case io.mycelium.fabric.model.ScaleDecision d -> d.app();
            default -> "";
        };
    }

    /**
     * Publishes (creates or replaces) one of this node's records: NodeInfo, Capacity, Telemetry, Holdings
     * (one each), an InstanceRecord / EndpointRecord (keyed by instance id), or a RolloutProgress /
     * RoutingReport / Usage (keyed by app).
     */
    public synchronized void publish(Object payload) {
        RecordKind kind = RecordKind.of(payload);
        write(ownKey(kind, nameOf(payload)), Json.write(payload));
    }

    /** Deletes one of this node's records (a tombstone that wins over every older write). */
    public synchronized void delete(RecordKind kind, String name) {
        write(ownKey(kind, name), null);
    }

    private void write(RecordKey key, String payload) {
        if (!started) {
            throw new IllegalStateException("fabric of " + config.nodeId() + " is not started");
        }
        FabricRecord r = new FabricRecord(key, new Version(incarnation, ++counter, ""), payload, "");
        disseminator.publish(r);
    }

    /** Submits a signed operator record at this node; refused ones are counted and not spread. */
    public SubmitResult submit(FabricRecord signed) {
        if (!signed.key().kind().operator()) {
            return SubmitResult.refused(signed.key() + " is a node-owned record; only its node writes it");
        }
        MergeOutcome o = disseminator.publish(signed);
        hlc.observe(signed.version().minor());
        return switch (o.kind()) {
            case APPLIED, DUPLICATE -> SubmitResult.ok();
            case STALE -> SubmitResult.refused(signed.key() + ": a newer version " + store.get(signed.key()).version() + " is held");
            default -> SubmitResult.refused(o.reason());
        };
    }

    /** Starts an anti-entropy exchange with one member now. */
    public void syncWith(String memberId) {
        disseminator.syncWith(memberId);
    }

    private void saveIfDirty() {
        if (dirty && stateFile != null) {
            dirty = false;
            stateFile.save(store.all());
        }
    }

    @Override
    public synchronized void close() {
        for (AutoCloseable t : tasks) {
            try {
                t.close();
            } catch (Exception e) {
                LOG.fine("closing a task: " + e);
            }
        }
        tasks.clear();
        saveIfDirty();
        membership.close();
        started = false;
    }
}
