package io.mycelium.agent.reconcile;

import io.mycelium.agent.task.BackgroundTasks;
import io.mycelium.agent.trace.Hops;
import io.mycelium.agent.fetch.FetchException;
import io.mycelium.agent.fetch.SporeLibrary;
import io.mycelium.agent.fetch.Sprout;
import io.mycelium.agent.instance.InstanceListener;
import io.mycelium.agent.instance.InstanceSpec;
import io.mycelium.agent.instance.InstanceStatus;
import io.mycelium.agent.instance.InstanceTransition;
import io.mycelium.agent.instance.Supervisor;
import io.mycelium.agent.port.PortAllocator;
import io.mycelium.agent.port.PortInUseException;
import io.mycelium.fabric.ClusterView;
import io.mycelium.fabric.Fabric;
import io.mycelium.fabric.model.Capacity;
import io.mycelium.fabric.model.EndpointRecord;
import io.mycelium.fabric.model.EndpointState;
import io.mycelium.fabric.model.Holdings;
import io.mycelium.fabric.model.InstanceRecord;
import io.mycelium.fabric.model.InstanceState;
import io.mycelium.fabric.model.NodeInfo;
import io.mycelium.fabric.model.Plan;
import io.mycelium.fabric.model.RecordKind;
import io.mycelium.fabric.model.RolloutProgress;
import io.mycelium.fabric.state.RecordKey;
import io.mycelium.fabric.placement.PlacementResult;
import io.mycelium.fabric.placement.SlotId;
import io.mycelium.fabric.update.SlotAction;
import io.mycelium.spore.digest.Digest;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Applies {@link Decide}'s decisions on this node and publishes what it runs.
 *
 * <p>Threading: every decision and every change of this node's instance table happens on the one
 * {@code agent-reconciler} thread: a pass runs on every fabric change (coalesced) and on each
 * tick; supervisor transitions and finished fetches are handed to that thread too. Fetching and
 * extracting run on {@code agent-fetch} threads, so a slow peer never delays a decision. Reads for
 * the API ({@link #instances()}, {@link #unplaced()}) see immutable snapshots.
 */
public final class Reconciler implements InstanceListener, AutoCloseable {
    private static final Logger LOG = Logger.getLogger(Reconciler.class.getName());
    private static final int MAX_MESSAGE = 400;
    /** How long a STOPPED instance's record stays in the fabric before it is deleted. */
    private static final long STOPPED_RETENTION_NANOS = TimeUnit.SECONDS.toNanos(15);

    /**
     * @param nodeId      this node
     * @param host        the address instances listen on (their endpoints)
     * @param runRoot     where each instance's run dir is made
     * @param java        the java executable for JVM_JAR spores
     * @param drain       how long a draining instance's endpoint is DRAINING before TERM
     * @param stopGrace   TERM to KILL
     * @param tick        period of the reconcile pass
     * @param settle      after start, how long to only observe (the view fills in) before acting
     * @param retryFetch  how long a failed fetch waits before it is tried again
     * @param capacity    this node's allocatable CPU (milli) and memory (MiB)
     * @param hyphaeUrl   the {@code MYCELIUM_HYPHAE} of an instance (app, instance id), or null for none
     */
    public record Settings(String nodeId, String host, Path runRoot, Path java, Duration drain, Duration stopGrace, Duration tick,
                           Duration settle, Duration retryFetch, long cpuMilli, long memoryMb,
                           java.util.function.BiFunction<String, String, String> hyphaeUrl) {
        public Settings {
            Objects.requireNonNull(nodeId, "nodeId");
            Objects.requireNonNull(host, "host");
            Objects.requireNonNull(runRoot, "runRoot");
            Objects.requireNonNull(java, "java");
            Objects.requireNonNull(drain, "drain");
            Objects.requireNonNull(stopGrace, "stopGrace");
            Objects.requireNonNull(tick, "tick");
            Objects.requireNonNull(settle, "settle");
            Objects.requireNonNull(retryFetch, "retryFetch");
        }
    }

    /** One instance of this node; touched only on the reconciler thread. */
    private static final class Entry {
        final String id;
        final SlotId slot;
        final Digest digest;
        final long cpuMilli;
        final long memoryMb;
        InstanceState state = InstanceState.IDLE;
        String message;
        boolean supervised;
        boolean draining;
        boolean endpoint;
        boolean preparing;
        int port;
        int restarts;
        long pid;
        long failedAt;
        long stoppedAt;
        /** When this instance was decided here (System.nanoTime()). */
        final long decidedAt = System.nanoTime();
        /** When the last fetch found no holder of the spore while the plan was still young; 0 if not waiting. */
        long holderWaitSince;

        Entry(String id, SlotId slot, Digest digest, long cpuMilli, long memoryMb, String message) {
            this.id = id;
            this.slot = slot;
            this.digest = digest;
            this.cpuMilli = cpuMilli;
            this.memoryMb = memoryMb;
            this.message = message;
        }
    }

    /**
     * What the API shows of one of this node's instances.
     *
     * @param record the record as published in the fabric
     * @param pid    its process (0 if none)
     * @param port   its port (0 if none)
     */
    public record LocalView(InstanceRecord record, long pid, int port) {
    }

    private final Fabric fabric;
    private final SporeLibrary library;
    private final PortAllocator ports;
    private final Settings settings;
    private final SplittableRandom random = new SplittableRandom();
    private final ScheduledExecutorService loop;
    private final ExecutorService fetchers;
    private final AtomicBoolean passQueued = new AtomicBoolean();
    private final Map<String, Entry> entries = new HashMap<>();
    private final Map<String, LocalView> views = new ConcurrentHashMap<>();
    private final long startedAt = System.nanoTime();
    private volatile Supervisor supervisor;
    private volatile PlacementResult lastPlacement = new PlacementResult(new java.util.TreeMap<>(), List.of());
    private volatile boolean firstPassDone;
    /**
     * Transitions of recovered instances that reached the reconciler thread before {@link #start}'s
     * task made their entries (the supervisor adopts and probes at once): the latest per instance.
     * Reconciler thread only.
     */
    private final Map<String, InstanceStatus> beforeStart = new HashMap<>();
    private boolean started; // reconciler thread only
    private volatile boolean closed;
    private volatile long passes;
    private Capacity lastCapacity;
    private List<Digest> lastHoldings;
    private ClusterView lastView; // reconciler thread only: its parsed payloads are reused by the next pass's view

    public Reconciler(Fabric fabric, SporeLibrary library, PortAllocator ports, Settings settings) {
        this.fabric = Objects.requireNonNull(fabric, "fabric");
        this.library = Objects.requireNonNull(library, "library");
        this.ports = Objects.requireNonNull(ports, "ports");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.loop = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "agent-reconciler"));
        java.util.concurrent.atomic.AtomicInteger n = new java.util.concurrent.atomic.AtomicInteger();
        this.fetchers = Executors.newFixedThreadPool(2, r -> daemon(r, "agent-fetch-" + n.incrementAndGet()));
    }

    /**
     * Takes over the instances the supervisor recovered (their specs say slot and digest), then
     * starts the passes. Call once, after the fabric has started.
     */
    public void start(Supervisor sup, Map<String, InstanceSpec> recoveredSpecs, List<InstanceStatus> recovered) {
        this.supervisor = Objects.requireNonNull(sup, "supervisor");
        run(() -> {
            for (InstanceStatus s : recovered) {
                InstanceSpec spec = recoveredSpecs.get(s.instanceId());
                Optional<LocalInstance> who = spec == null ? Optional.empty() : Sprouting.identify(spec, s.state());
                if (who.isEmpty()) {
                    LOG.warning("instance " + s.instanceId() + " was not started by a reconciler (no slot/digest in its spec); stopping it");
                    sup.stop(s.instanceId());
                    continue;
                }
                Entry e = new Entry(s.instanceId(), who.get().slot(), who.get().digest(), spec.launch().limits().cpuMilli(),
                        spec.launch().limits().memoryMb(), s.message());
                e.supervised = true;
                e.port = s.port();
                if (e.port > 0) {
                    ports.markHeld(e.port);
                }
                entries.put(e.id, e);
                apply(e, beforeStart.getOrDefault(e.id, s));
            }
            beforeStart.clear();
            started = true;
            publishNodeState();
        });
        fabric.addListener(c -> {
            if (affectsDecisions(c, settings.nodeId())) {
                trigger();
            }
        });
        long tick = settings.tick().toMillis();
        loop.scheduleWithFixedDelay(guard(this::pass), tick, tick, TimeUnit.MILLISECONDS);
    }

    /**
     * Whether a fabric change may change this node's decisions, so that it is worth a pass now. Not:
     * endpoints and telemetry (no input of {@link Decide}), and this node's own instance records
     * (it decides from its own table, and each change of that table asks for a pass itself). A pass
     * costs about 1.4 ms of CPU (measured in the plan-to-Ready benchmark, where a run made 3 agents
     * pass about 55 times), taken from the workloads that are starting; the periodic pass still
     * sees everything.
     */
    static boolean affectsDecisions(io.mycelium.fabric.FabricChange change, String self) {
        io.mycelium.fabric.state.FabricRecord r = change.record();
        if (r == null) {
            return true; // membership
        }
        return switch (r.key().kind()) {
            case ENDPOINT, TELEMETRY -> false;
            case INSTANCE -> !r.key().owner().equals(self);
            default -> true;
        };
    }

    /** Asks for a pass soon (coalesced). */
    /**
     * Stops one of this node's instances on an operator's request: it drains like a replaced one
     * (endpoint DRAINING, TERM, KILL after the grace period), and the next pass places its slot
     * again, so a fresh instance takes its place. Asynchronous: runs on the reconciler's thread.
     */
    public void stop(String instanceId, String why) {
        run(() -> {
            drain(instanceId, "stopped on request (" + why + ")");
            pass();
        });
    }

    public void trigger() {
        if (passQueued.compareAndSet(false, true)) {
            run(() -> {
                passQueued.set(false);
                pass();
            });
        }
    }

    /** True once the agent has made its first decision (after the settle time). */
    public boolean ready() {
        return firstPassDone;
    }

    /** The last placement this node computed: every slot's node, and the unplaced slots with the reason. */
    public PlacementResult placement() {
        return lastPlacement;
    }

    public List<PlacementResult.Unplaced> unplaced() {
        return lastPlacement.unplaced();
    }

    /** This node's instances (including ones still fetching or failed before launch), by id. */
    public List<LocalView> instances() {
        return views.values().stream().sorted(Comparator.comparing(v -> v.record().instanceId())).toList();
    }

    public long passes() {
        return passes;
    }

    // ---- the pass -----------------------------------------------------------------------------

    private void pass() {
        if (closed || System.nanoTime() - startedAt < settings.settle().toNanos()) {
            return;
        }
        passes++;
        // Only the records that changed since the last pass are parsed (at 1,000 nodes parsing every record was two thirds of a pass).
        ClusterView view = fabric.view().sharingParsedWith(lastView);
        lastView = view;
        List<LocalInstance> mine = new ArrayList<>();
        for (Entry e : entries.values()) {
            if (e.state != InstanceState.STOPPED) {
                mine.add(new LocalInstance(e.id, e.slot, e.digest, e.state));
            }
        }
        withdrawStrayRecords(view);
        Decide.Decision d = Decide.decide(view, settings.nodeId(), mine);
        if (!d.placement().unplaced().equals(lastPlacement.unplaced())) {
            for (PlacementResult.Unplaced u : d.placement().unplaced()) {
                LOG.warning("slot " + u.slot() + " is unplaced: " + u.reason());
            }
        }
        lastPlacement = d.placement();
        publishRolloutProgress(view, d);
        for (SlotAction a : d.actions()) {
            switch (a) {
                case SlotAction.Start s -> startSlot(s.slot(), s.digest(), view);
                case SlotAction.Drain dr -> drain(dr.instanceId(), dr.why());
            }
        }
        retryFailedFetches(view, d);
        forgetStopped();
        publishNodeState();
        firstPassDone = true;
    }

    private void startSlot(SlotId slot, Digest digest, ClusterView view) {
        Optional<Plan> plan = view.plan(slot.app());
        if (plan.isEmpty()) {
            return;
        }
        String id = Sprouting.newInstanceId(slot, digest, random);
        Entry e = new Entry(id, slot, digest, plan.get().cpuMilli(), plan.get().memoryMb(),
                library.holds(digest) ? "verifying and extracting the spore" : "fetching the spore");
        entries.put(id, e);
        Hops.mark(id, "decided");
        prepare(e, plan.get(), view); // first, so the fetch thread works while the record is sealed and sent
        publish(e);
    }

    /** Fetch, verify, extract and reserve a port on a fetch thread; then launch on the reconciler thread. */
    private void prepare(Entry e, Plan plan, ClusterView view) {
        e.preparing = true;
        List<URI> peers = peerApis(view, e.digest);
        fetchers.execute(() -> {
            try {
                Sprout sprout = library.ensure(e.digest, peers);
                int port = Sprouting.needsPort(sprout.manifest(), plan) ? ports.allocate() : 0;
                Path runDir = settings.runRoot().resolve(e.id);
                InstanceSpec spec;
                try {
                    spec = Sprouting.spec(e.id, e.slot, plan, sprout, settings.nodeId(), port, runDir, settings.java(), settings.stopGrace(),
                            settings.hyphaeUrl() == null ? null : settings.hyphaeUrl().apply(e.slot.app(), e.id));
                } catch (RuntimeException ex) {
                    ports.release(port);
                    throw ex;
                }
                Hops.mark(e.id, "prepared");
                run(() -> launch(e, spec));
            } catch (FetchException ex) {
                if (ex.kind() == FetchException.Kind.NO_HOLDER
                        && System.nanoTime() - e.decidedAt < settings.retryFetch().toNanos()) {
                    // the record of the agent that holds it may still be on its way (a spore
                    // published just before the plan): wait for it rather than fail at once
                    run(() -> awaitHolder(e));
                } else {
                    run(() -> prepareFailed(e, ex.getMessage()));
                }
            } catch (PortInUseException | RuntimeException ex) {
                run(() -> prepareFailed(e, ex.getMessage()));
            }
        });
    }

    private List<URI> peerApis(ClusterView view, Digest digest) {
        List<URI> out = new ArrayList<>();
        for (String node : view.holders(digest)) {
            if (node.equals(settings.nodeId())) {
                continue;
            }
            view.nodeInfo(node).map(NodeInfo::apiUrl).filter(u -> !u.isBlank()).ifPresent(u -> out.add(URI.create(u)));
        }
        // spread fetches over the holders: start from the one after this node's position
        if (out.size() > 1) {
            java.util.Collections.rotate(out, Math.floorMod(settings.nodeId().hashCode(), out.size()));
        }
        return out;
    }

    private void launch(Entry e, InstanceSpec spec) {
        e.preparing = false;
        e.holderWaitSince = 0;
        if (e.draining || closed) {
            ports.release(spec.launch().port());
            stoppedBeforeLaunch(e, "dropped before launch");
            return;
        }
        e.port = spec.launch().port();
        try {
            Hops.mark(e.id, "handed-to-supervisor");
            InstanceStatus s = supervisor.start(spec);
            e.supervised = true;
            apply(e, s);
        } catch (RuntimeException ex) {
            ports.release(e.port);
            prepareFailed(e, "cannot start: " + ex.getMessage());
        }
    }

    /** No agent is known to hold the spore yet: the next passes try again, until retryFetch has passed. */
    private void awaitHolder(Entry e) {
        e.preparing = false;
        if (e.draining) {
            stoppedBeforeLaunch(e, "dropped before launch");
            return;
        }
        if (e.holderWaitSince == 0) {
            e.holderWaitSince = System.nanoTime();
            e.message = "waiting to learn which agent holds the spore";
            publish(e);
        }
    }

    private void prepareFailed(Entry e, String why) {
        e.preparing = false;
        if (e.draining) {
            stoppedBeforeLaunch(e, "dropped before launch");
            return;
        }
        LOG.warning("instance " + e.id + ": " + why);
        e.state = InstanceState.FAILED;
        e.message = why;
        e.failedAt = System.nanoTime();
        publish(e);
    }

    /** The moments of each app's rollout that this pass saw first, added to this node's progress record. */
    private void publishRolloutProgress(ClusterView view, Decide.Decision d) {
        d.rollouts().forEach((app, r) -> {
            Optional<RolloutProgress> mine = view.record(RecordKey.node(RecordKind.ROLLOUT_PROGRESS, settings.nodeId(), app))
                    .filter(rec -> !rec.tombstone()).flatMap(rec -> rec.value(RolloutProgress.class));
            r.progress(mine).ifPresent(p -> {
                LOG.info("rollout of " + app + ": " + r.marks().stream().map(m -> m.event().wireName() + " (step " + m.step() + ")").toList()
                        + "; " + r.state().reason());
                fabric.publish(p);
            });
        });
    }

    private void retryFailedFetches(ClusterView view, Decide.Decision d) {
        long now = System.nanoTime();
        for (Entry e : List.copyOf(entries.values())) {
            if (e.holderWaitSince != 0 && !e.preparing && !e.draining && e.state == InstanceState.IDLE) {
                Optional<Plan> plan = view.plan(e.slot.app());
                if (plan.isPresent() && d.wants(e.slot.app(), e.digest)) {
                    prepare(e, plan.get(), view);
                }
                continue;
            }
            if (!e.supervised && !e.preparing && !e.draining && e.state == InstanceState.FAILED
                    && now - e.failedAt > settings.retryFetch().toNanos()) {
                Optional<Plan> plan = view.plan(e.slot.app());
                if (plan.isPresent() && d.wants(e.slot.app(), e.digest)) {
                    e.state = InstanceState.IDLE;
                    e.message = "retrying: " + e.message;
                    publish(e);
                    prepare(e, plan.get(), view);
                }
            }
        }
    }

    private void drain(String id, String why) {
        Entry e = entries.get(id);
        if (e == null || e.draining) {
            return;
        }
        e.draining = true;
        LOG.info("instance " + id + ": draining, " + why);
        if (e.supervised) {
            supervisor.stop(id, settings.drain());
        } else if (!e.preparing) {
            stoppedBeforeLaunch(e, "dropped before launch: " + why);
        }
    }

    private void stoppedBeforeLaunch(Entry e, String why) {
        e.state = InstanceState.STOPPED;
        e.message = why;
        e.stoppedAt = System.nanoTime();
        publish(e);
    }

    private void forgetStopped() {
        long now = System.nanoTime();
        for (Entry e : List.copyOf(entries.values())) {
            if (e.state == InstanceState.STOPPED && now - e.stoppedAt > STOPPED_RETENTION_NANOS) {
                entries.remove(e.id);
                views.remove(e.id);
                fabric.delete(RecordKind.INSTANCE, e.id);
            }
        }
    }

    // ---- supervisor transitions ----------------------------------------------------------------

    @Override
    public void onTransition(InstanceTransition t) {
        run(() -> {
            Entry e = entries.get(t.status().instanceId());
            if (e != null) {
                apply(e, t.status());
            } else if (!started) {
                // an adopted instance that moved (e.g. became READY) before its entry exists: kept, not lost
                beforeStart.put(t.status().instanceId(), t.status());
            }
        });
    }

    private void apply(Entry e, InstanceStatus s) {
        e.state = s.state();
        e.message = s.message();
        e.restarts = s.restarts();
        e.pid = s.pid();
        switch (s.state()) {
            case READY -> {
                if (e.port > 0 && !e.draining) {
                    fabric.publish(new EndpointRecord(e.slot.app(), e.id, e.digest, settings.host(), e.port, EndpointState.READY));
                    e.endpoint = true;
                    Hops.mark(e.id, "endpoint-published");
                }
            }
            case DRAINING -> {
                if (e.endpoint) {
                    fabric.publish(new EndpointRecord(e.slot.app(), e.id, e.digest, settings.host(), e.port, EndpointState.DRAINING));
                }
            }
            case STOPPED -> {
                withdrawEndpoint(e);
                if (e.port > 0) {
                    ports.release(e.port);
                }
                supervisor.forget(e.id);
                e.stoppedAt = System.nanoTime();
            }
            default -> withdrawEndpoint(e);
        }
        publish(e);
        trigger(); // a Ready instance may let an old one drain
    }

    /**
     * Withdraws this node's endpoint and instance records that no instance of this agent stands
     * behind: ones an earlier agent with the same node id published (kept in the persisted fabric
     * state, or still gossiped by the others) for instances this agent neither recovered nor
     * started, such as after an interrupted {@code mesh up}. Left alone, the edge would route to
     * ports where nothing runs. Passes run after {@link #start}, so recovered instances already
     * have their entries and are never cut.
     */
    private void withdrawStrayRecords(ClusterView view) {
        if (!started) {
            return;
        }
        for (RecordKind kind : List.of(RecordKind.ENDPOINT, RecordKind.INSTANCE)) {
            for (io.mycelium.fabric.state.FabricRecord r : view.records(kind)) {
                if (!r.tombstone() && r.key().owner().equals(settings.nodeId()) && !entries.containsKey(r.key().name())) {
                    LOG.info("withdrawing " + kind + " record " + r.key().name() + ": no instance of this agent has that id");
                    fabric.delete(kind, r.key().name());
                }
            }
        }
    }

    private void withdrawEndpoint(Entry e) {
        if (e.endpoint) {
            fabric.delete(RecordKind.ENDPOINT, e.id);
            e.endpoint = false;
        }
    }

    private void publish(Entry e) {
        String msg = e.message == null ? "" : e.message;
        if (msg.length() > MAX_MESSAGE) {
            msg = msg.substring(0, MAX_MESSAGE) + "...";
        }
        InstanceRecord r = new InstanceRecord(e.id, e.slot.app(), e.slot.index(), e.digest, e.state, e.restarts, msg, e.pid);
        views.put(e.id, new LocalView(r, e.pid, e.port));
        fabric.publish(r);
    }

    /** Capacity (free = total minus the nutrients of active instances) and holdings, when they changed. */
    private void publishNodeState() {
        long cpu = 0;
        long mem = 0;
        for (Entry e : entries.values()) {
            if (e.state.active()) {
                cpu += e.cpuMilli;
                mem += e.memoryMb;
            }
        }
        Capacity c = new Capacity(settings.cpuMilli(), Math.max(0, settings.cpuMilli() - cpu), settings.memoryMb(),
                Math.max(0, settings.memoryMb() - mem));
        if (!c.equals(lastCapacity)) {
            fabric.publish(c);
            lastCapacity = c;
        }
        List<Digest> held = library.list();
        if (!held.equals(lastHoldings)) {
            fabric.publish(new Holdings(held));
            lastHoldings = held;
        }
    }

    // ---- plumbing ------------------------------------------------------------------------------

    private void run(Runnable task) {
        try {
            loop.execute(guard(task));
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // closing
        }
    }

    private static Runnable guard(Runnable task) {
        return BackgroundTasks.guard(LOG, "agent-reconciler", task);
    }

    private static Thread daemon(Runnable r, String name) {
        return BackgroundTasks.daemon(r, name);
    }

    /** Stops deciding; instances keep running (the supervisor detaches separately). */
    @Override
    public void close() {
        closed = true; // a launch still queued must not start anything once the caller stops the workloads
        loop.shutdownNow();
        fetchers.shutdownNow();
        try {
            if (!loop.awaitTermination(30, TimeUnit.SECONDS) || !fetchers.awaitTermination(30, TimeUnit.SECONDS)) {
                LOG.warning("agent-reconciler: threads did not finish within 30 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
