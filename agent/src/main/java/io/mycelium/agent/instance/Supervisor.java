package io.mycelium.agent.instance;

import io.mycelium.agent.task.BackgroundTasks;
import io.mycelium.agent.trace.Hops;
import io.mycelium.fabric.model.InstanceState;
import io.mycelium.agent.driver.ExitStatus;
import io.mycelium.agent.driver.LaunchException;
import io.mycelium.agent.driver.ProcessDriver;
import io.mycelium.agent.driver.ProcessRef;
import io.mycelium.agent.driver.RunningProcess;
import io.mycelium.agent.driver.Signal;
import io.mycelium.agent.health.HealthCheck;
import io.mycelium.agent.health.HealthProbe;
import io.mycelium.agent.health.HealthTracker;
import io.mycelium.agent.health.ProbeResult;
import io.mycelium.agent.logs.LogRotator;
import io.mycelium.agent.logs.LogTail;
import io.mycelium.agent.port.PortAllocator;
import io.mycelium.spore.time.Clock;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.random.RandomGenerator;

/**
 * Supervises this node's instances: launch, health, restart with backoff, stop, persistence and
 * adoption after an agent restart.
 *
 * <p>Threading: public methods are thread-safe and never block on a workload (stop returns a
 * future). Work runs on two {@code agent-supervisor-N} threads; each instance's state is guarded
 * by its own lock, and health probes run outside it. Listeners are called in order on the
 * {@code agent-supervisor-events} thread. {@link #close()} detaches: the workloads keep running
 * and a later supervisor on the same data dir adopts them.
 */
public final class Supervisor implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(Supervisor.class.getName());
    private static final Duration STOP_POLL = Duration.ofMillis(20);
    private static final int MAX_MESSAGE_LINE = 200;

    private final ProcessDriver driver;
    private final InstanceStore store;
    private final Clock clock;
    private final RandomGenerator random;
    private final SupervisorConfig config;
    private final InstanceListener listener;
    private final ScheduledThreadPoolExecutor executor;
    private final ExecutorService events;
    private final Map<String, Instance> instances = new ConcurrentHashMap<>();
    private final Object saveLock = new Object();
    private volatile boolean closed;

    public Supervisor(ProcessDriver driver, InstanceStore store, Clock clock, RandomGenerator random,
                      SupervisorConfig config, InstanceListener listener) {
        this.driver = Objects.requireNonNull(driver, "driver");
        this.store = Objects.requireNonNull(store, "store");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.random = Objects.requireNonNull(random, "random");
        this.config = Objects.requireNonNull(config, "config");
        this.listener = Objects.requireNonNull(listener, "listener");
        AtomicInteger n = new AtomicInteger();
        this.executor = new ScheduledThreadPoolExecutor(2, r -> daemon(r, "agent-supervisor-" + n.incrementAndGet()));
        this.executor.setRemoveOnCancelPolicy(true);
        this.events = Executors.newSingleThreadExecutor(r -> daemon(r, "agent-supervisor-events"));
        long poll = config.pollInterval().toNanos();
        executor.scheduleWithFixedDelay(guard(this::pollAdopted), poll, poll, TimeUnit.NANOSECONDS);
        long logs = config.logCheckInterval().toNanos();
        executor.scheduleWithFixedDelay(guard(this::rotateLogs), logs, logs, TimeUnit.NANOSECONDS);
    }

    /** Starts supervising a new instance (or one whose earlier run is STOPPED); returns its first status. */
    public InstanceStatus start(InstanceSpec spec) {
        Objects.requireNonNull(spec, "spec");
        checkOpen();
        Instance fresh = new Instance(spec, 0);
        Instance existing = instances.compute(spec.instanceId(), (id, old) -> {
            if (old != null && old.state() != InstanceState.STOPPED) {
                return old;
            }
            return fresh;
        });
        if (existing != fresh) {
            throw new IllegalStateException("instance " + spec.instanceId() + " is already supervised (" + existing.state()
                    + "); stop it first or choose another id");
        }
        // Not saved yet: nothing runs to adopt until the launch, which saves (an fsync here would delay every start).
        executor.execute(guard(() -> launch(fresh, fresh.generation())));
        return fresh.status();
    }

    /**
     * Stops an instance: DRAINING, TERM to its whole group, KILL after its grace period, then
     * STOPPED once no process of the group (or its cgroup) is left. The future completes then.
     */
    public CompletableFuture<InstanceStatus> stop(String instanceId) {
        return stop(instanceId, Duration.ZERO);
    }

    /**
     * Like {@link #stop(String)}, but the instance stays DRAINING for {@code drain} before TERM is
     * sent, so that routers which saw the DRAINING transition stop sending it requests first.
     */
    public CompletableFuture<InstanceStatus> stop(String instanceId, Duration drain) {
        Objects.requireNonNull(drain, "drain");
        if (drain.isNegative()) {
            throw new IllegalArgumentException("drain time " + drain + " must be >= 0");
        }
        if (closed) {
            return CompletableFuture.failedFuture(new IllegalStateException("supervisor is closed"));
        }
        Instance inst = instances.get(instanceId);
        if (inst == null) {
            return CompletableFuture.failedFuture(new IllegalArgumentException("no instance " + instanceId + " on this node"));
        }
        return inst.stop(drain);
    }

    /**
     * Restarts an instance in place on an operator's request: it moves to LAUNCHING at once (so its
     * endpoint is withdrawn), its process group gets TERM, KILL after the grace period, and it is
     * launched again as soon as the group is gone, counted as a restart but not as a failure. A
     * failed or crash-looping instance is launched without waiting for its backoff.
     *
     * @throws IllegalArgumentException if this node supervises no such instance
     * @throws IllegalStateException    if it is stopping, stopped or not launched yet
     */
    public InstanceStatus restart(String instanceId, String why) {
        Instance inst = instances.get(instanceId);
        if (inst == null) {
            throw new IllegalArgumentException("no instance " + instanceId + " on this node");
        }
        RunningProcess p;
        long generation;
        synchronized (inst) {
            if (inst.stopping || inst.state == InstanceState.STOPPED || inst.state == InstanceState.DRAINING
                    || inst.state == InstanceState.IDLE) {
                throw new IllegalStateException("instance " + instanceId + " is " + inst.state.name().toLowerCase(java.util.Locale.ROOT)
                        + ", so it cannot be restarted now");
            }
            p = inst.process;
            inst.process = null;
            inst.draining = p;
            inst.generation++;
            generation = inst.generation;
            inst.restarts++;
            inst.move(InstanceState.LAUNCHING, "restarting on request (" + why + ")"
                    + (p == null ? "" : ": TERM to group " + p.ref().pgid() + ", KILL after " + inst.spec.stopGrace().toMillis() + " ms"));
            inst.pendingNote = "restarted on request (" + why + ")";
        }
        CompletableFuture<String> ended = p == null ? CompletableFuture.completedFuture("no process ran") : terminate(p, inst.spec.stopGrace());
        ended.whenComplete((note, error) -> submit(() -> {
            synchronized (inst) {
                if (inst.draining == p) {
                    inst.draining = null;
                }
            }
            launch(inst, generation);
        }));
        return inst.status();
    }

    /** Stops every instance; completes when all are stopped. */
    public CompletableFuture<Void> stopAll() {
        if (closed) {
            return CompletableFuture.failedFuture(new IllegalStateException("supervisor is closed"));
        }
        return CompletableFuture.allOf(instances.values().stream().map(i -> i.stop(Duration.ZERO)).toArray(CompletableFuture[]::new));
    }

    /**
     * Drops a STOPPED instance from {@link #instances()} (stopped instances stay listed until
     * then, so their last message can be shown). Returns false if it is unknown or not stopped.
     */
    public boolean forget(String instanceId) {
        Instance inst = instances.get(instanceId);
        return inst != null && inst.state() == InstanceState.STOPPED && instances.remove(instanceId, inst);
    }

    public Optional<InstanceStatus> status(String instanceId) {
        return Optional.ofNullable(instances.get(instanceId)).map(Instance::status);
    }

    /** All instances, sorted by id. */
    public List<InstanceStatus> instances() {
        return instances.values().stream().map(Instance::status).sorted(Comparator.comparing(InstanceStatus::instanceId)).toList();
    }

    /**
     * Takes over the instances a previous agent saved: a process whose pid and start time still
     * match is adopted (never started again) and probed until Ready; one that is gone is started
     * anew. Call once, before {@link #start}.
     *
     * @return the recovered instances' statuses
     * @throws IOException if the state file cannot be read (its message says what to do)
     */
    public List<InstanceStatus> recover() throws IOException {
        checkOpen();
        List<InstanceStatus> out = new ArrayList<>();
        for (PersistedInstance saved : store.load()) {
            Instance inst = new Instance(saved.spec(), saved.restarts());
            if (instances.putIfAbsent(saved.spec().instanceId(), inst) != null) {
                continue;
            }
            Optional<RunningProcess> adopted = saved.process().flatMap(driver::adopt);
            if (saved.stopping()) {
                // The previous agent died while stopping it: finish the stop, never restart it.
                if (adopted.isEmpty()) {
                    saved.process().ifPresent(driver::reapLeftovers);
                    instances.remove(saved.spec().instanceId(), inst);
                    continue;
                }
                inst.adopt(adopted.get());
                inst.stop(Duration.ZERO);
            } else if (adopted.isPresent()) {
                inst.adopt(adopted.get());
            } else {
                String why = saved.process().map(p -> "pid " + p.pid() + " was gone when the agent restarted; starting it again")
                        .orElse("was not running when the agent stopped; starting it");
                saved.process().ifPresent(driver::reapLeftovers);
                inst.note(why);
                executor.execute(guard(() -> launch(inst, inst.generation())));
            }
            out.add(inst.status());
        }
        save();
        return out;
    }

    /**
     * Stops what a previous agent on this data dir left running, and starts nothing: each saved
     * process that is still the same one (pid and start time) is adopted and stopped (TERM, grace,
     * KILL), the leftovers of the others are reaped. For a node whose agent died and will not run
     * again, such as {@code mesh up}'s shutdown after an agent was killed; call instead of
     * {@link #recover}.
     *
     * @return completes when every adopted process is stopped, with how many there were
     * @throws IOException if the state file cannot be read (its message says what to do)
     */
    public CompletableFuture<Integer> stopLeftovers() throws IOException {
        checkOpen();
        List<CompletableFuture<InstanceStatus>> stops = new ArrayList<>();
        for (PersistedInstance saved : store.load()) {
            Optional<RunningProcess> adopted = saved.process().flatMap(driver::adopt);
            if (adopted.isEmpty()) {
                saved.process().ifPresent(driver::reapLeftovers);
                continue;
            }
            Instance inst = new Instance(saved.spec(), saved.restarts());
            instances.put(saved.spec().instanceId(), inst);
            inst.adopt(adopted.get());
            stops.add(inst.stop(Duration.ZERO));
        }
        save();
        return CompletableFuture.allOf(stops.toArray(CompletableFuture[]::new)).thenApply(v -> stops.size());
    }

    /** Detaches: supervision stops, workloads keep running and stay recorded for the next agent to adopt. */
    @Override
    public void close() {
        closed = true;
        executor.shutdownNow();
        events.shutdown();
        try {
            if (!executor.awaitTermination(5, TimeUnit.SECONDS) || !events.awaitTermination(5, TimeUnit.SECONDS)) {
                LOG.warning("supervisor threads did not finish within 5 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        save();
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("supervisor is closed");
        }
    }

    // ---- launching and health ---------------------------------------------------------------------

    private void launch(Instance inst, long generation) {
        RunningProcess process;
        synchronized (inst) {
            if (inst.generation != generation || inst.stopping) {
                return;
            }
            String why = inst.restarts == 0 ? "launching" : "launching, restart " + inst.restarts;
            if (inst.pendingNote != null) {
                why = why + ": " + inst.pendingNote;
                inst.pendingNote = null;
            }
            Hops.mark(inst.spec.instanceId(), "launch-begin");
            if (inst.state == InstanceState.LAUNCHING) {
                inst.message = why; // a restart on request moved it already
            } else {
                inst.move(InstanceState.LAUNCHING, why);
            }
            int port = inst.spec.launch().port();
            if (port > 0 && !PortAllocator.canBind(config.probeAddress(), port)) {
                failed(inst, "port " + port + " on " + config.probeAddress().getHostAddress()
                        + " is in use by another process; stop it or give the instance another port");
                return;
            }
            try {
                process = driver.launch(inst.spec.launch());
            } catch (LaunchException e) {
                if (e.permanent()) {
                    inst.move(InstanceState.FAILED, e.getMessage());
                    save();
                } else {
                    failed(inst, e.getMessage());
                }
                return;
            }
            inst.process = process;
            inst.tracker = new HealthTracker(inst.spec.health(), clock.instant());
            inst.launchedNanos = System.nanoTime();
            inst.pid = process.ref().pid();
            inst.saved = false;
            inst.cpuLimited = false;
        }
        watchExit(inst, process);
        scheduleStartupCpuEnd(inst, generation);
        // The probe starts while the state is written, so the fsync overlaps the workload's own
        // start; READY waits for the write (saved), so a Ready instance is always adoptable.
        scheduleProbe(inst, generation, firstProbeDelay(inst.spec));
        save();
        Hops.mark(inst.spec.instanceId(), "saved");
        synchronized (inst) {
            if (inst.generation == generation) {
                inst.saved = true;
            }
        }
    }

    /** The startup CPU allowance ends when the start period does, if the instance is not Ready by then. */
    private void scheduleStartupCpuEnd(Instance inst, long generation) {
        if (!closed && inst.spec.launch().limits().cpuMilli() > 0) {
            executor.schedule(guard(() -> {
                synchronized (inst) {
                    if (inst.generation == generation) {
                        endStartupCpu(inst);
                    }
                }
            }), inst.spec.health().startPeriod().toNanos(), TimeUnit.NANOSECONDS);
        }
    }

    /**
     * Must hold the instance lock. Brings the cgroup's CPU limit down from the launch allowance
     * ({@link io.mycelium.agent.cgroup.ResourceLimits#startup()}) to the instance's own limit.
     */
    private void endStartupCpu(Instance inst) {
        if (inst.cpuLimited || inst.process == null) {
            return;
        }
        inst.cpuLimited = true;
        int cpu = inst.spec.launch().limits().cpuMilli();
        if (cpu > 0) {
            try {
                inst.process.limitCpu(cpu);
            } catch (java.io.UncheckedIOException e) {
                LOG.warning("instance " + inst.spec.instanceId() + ": cannot set its CPU limit to " + cpu + " milli-CPUs: "
                        + e.getCause().getMessage());
            }
        }
    }

    private static Duration firstProbeDelay(InstanceSpec spec) {
        return spec.health().check().kind() == HealthCheck.Kind.NONE ? spec.health().startPeriod()
                : spec.health().startupDelay(Duration.ZERO);
    }

    private void watchExit(Instance inst, RunningProcess process) {
        process.onExit().thenAccept(status -> submit(() -> exited(inst, process, status)));
    }

    private void scheduleProbe(Instance inst, long generation, Duration delay) {
        if (!closed) {
            executor.schedule(guard(() -> probe(inst, generation)), delay.toNanos(), TimeUnit.NANOSECONDS);
        }
    }

    private void probe(Instance inst, long generation) {
        HealthCheck check;
        int port;
        synchronized (inst) {
            if (inst.generation != generation || inst.process == null) {
                return;
            }
            check = inst.spec.health().check();
            port = inst.spec.launch().port();
        }
        ProbeResult result = HealthProbe.probe(check, config.probeAddress(), port, inst.spec.health().timeout());
        Hops.mark(inst.spec.instanceId(), result.healthy() ? "probe-ok" : "probe-failed");
        synchronized (inst) {
            if (inst.generation != generation || inst.process == null) {
                return;
            }
            if (!inst.process.isAlive()) {
                return; // it exited; the exit handler takes over
            }
            HealthTracker.Verdict verdict = inst.tracker.record(result, clock.instant());
            var policy = inst.spec.health();
            if (inst.state == InstanceState.LAUNCHING) {
                if (verdict == HealthTracker.Verdict.HEALTHY && !inst.saved) {
                    scheduleProbe(inst, generation, policy.startupInterval()); // not adoptable yet: wait for the save
                } else if (verdict == HealthTracker.Verdict.HEALTHY) {
                    long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - inst.launchedNanos);
                    endStartupCpu(inst);
                    inst.move(InstanceState.READY, "healthy (" + result.detail() + ") " + ms + " ms after "
                            + (inst.process.adopted() ? "adoption" : "launch"));
                    Hops.mark(inst.spec.instanceId(), "ready");
                    scheduleProbe(inst, generation, policy.interval());
                } else if (verdict == HealthTracker.Verdict.UNHEALTHY) {
                    unhealthy(inst, "never became healthy: " + policy.check() + " failed " + inst.tracker.consecutiveFailures()
                            + " times after the " + policy.startPeriod().toMillis() + " ms start period, last: " + result.detail());
                } else {
                    scheduleProbe(inst, generation, policy.startupDelay(Duration.ofNanos(System.nanoTime() - inst.launchedNanos)));
                }
            } else if (inst.state == InstanceState.READY) {
                if (verdict == HealthTracker.Verdict.UNHEALTHY) {
                    unhealthy(inst, "liveness failed: " + policy.check() + " failed " + inst.tracker.consecutiveFailures()
                            + " times in a row, last: " + result.detail());
                } else {
                    scheduleProbe(inst, generation, policy.interval());
                }
            }
        }
    }

    // ---- failures and restarts --------------------------------------------------------------------

    /** The process ended on its own. Anything left of its group is killed before a restart. */
    private void exited(Instance inst, RunningProcess process, ExitStatus status) {
        synchronized (inst) {
            if (inst.process != process) {
                return; // stopped or replaced on purpose
            }
            inst.process = null;
            inst.generation++;
        }
        long oomKills = process.cgroupStats().map(io.mycelium.agent.cgroup.CgroupStats::oomKills).orElse(0L);
        killLeftovers(process);
        synchronized (inst) {
            if (inst.stopping) {
                return;
            }
            failed(inst, (oomKills > 0 ? outOfMemory(inst, status, oomKills) : status.describe()) + lastErrorLine(inst));
        }
    }

    /** The words for an exit after the kernel's OOM killer acted in the instance's cgroup. */
    private static String outOfMemory(Instance inst, ExitStatus status, long kills) {
        int mb = inst.spec.launch().limits().memoryMb();
        return "out of memory: the kernel killed " + kills + " process(es) at the cgroup's limit"
                + (mb > 0 ? " of " + mb + " MiB" : "") + " (" + status.describe() + "); raise the plan's memory_mb or fix the leak";
    }

    /** Failed health: stop this run (TERM, grace, KILL), then restart after the backoff. */
    private void unhealthy(Instance inst, String why) {
        RunningProcess process = inst.process;
        inst.process = null;
        inst.draining = process; // still saved until it is gone: an agent dying now adopts it rather than doubling it
        inst.generation++;
        long generation = inst.generation;
        recordFailure(inst, why);
        terminate(process, inst.spec.stopGrace()).whenComplete((note, error) -> submit(() -> {
            synchronized (inst) {
                if (inst.draining == process && !inst.stopping) {
                    inst.draining = null;
                }
                if (inst.generation == generation && !inst.stopping) {
                    scheduleRestart(inst);
                }
            }
        }));
    }

    /** Must hold the instance lock. Moves to FAILED or CRASH_LOOP and schedules the next launch. */
    private void failed(Instance inst, String why) {
        inst.generation++;
        recordFailure(inst, why);
        scheduleRestart(inst);
    }

    private void recordFailure(Instance inst, String why) {
        Instant now = clock.instant();
        inst.failures.addLast(now);
        while (!inst.failures.isEmpty() && inst.failures.peekFirst().isBefore(now.minus(inst.spec.restart().crashLoopWindow()))) {
            inst.failures.removeFirst();
        }
        inst.nextDelay = new Backoff(inst.spec.restart(), random).delay(inst.failures.size());
        String next = "restart in " + inst.nextDelay.toMillis() + " ms";
        if (inst.failures.size() >= inst.spec.restart().crashLoopFailures()) {
            inst.move(InstanceState.CRASH_LOOP, "crash loop: " + inst.failures.size() + " failures within "
                    + inst.spec.restart().crashLoopWindow().toSeconds() + " s; last: " + why + "; " + next);
        } else {
            inst.move(InstanceState.FAILED, why + "; " + next);
        }
        save();
    }

    private void scheduleRestart(Instance inst) {
        long generation = inst.generation;
        if (closed) {
            return;
        }
        executor.schedule(guard(() -> {
            synchronized (inst) {
                if (inst.generation != generation || inst.stopping) {
                    return;
                }
                inst.restarts++;
            }
            launch(inst, generation);
        }), inst.nextDelay.toNanos(), TimeUnit.NANOSECONDS);
    }

    private String lastErrorLine(Instance inst) {
        try {
            List<String> tail = LogTail.tail(inst.spec.launch().stderrLog(), 1);
            if (tail.isEmpty() || tail.get(0).isBlank()) {
                return "";
            }
            String line = tail.get(0).strip();
            return "; stderr: " + (line.length() > MAX_MESSAGE_LINE ? line.substring(0, MAX_MESSAGE_LINE) + "..." : line);
        } catch (IOException e) {
            return "";
        }
    }

    private void killLeftovers(RunningProcess process) {
        try {
            if (process.groupAlive()) {
                process.signalGroup(Signal.KILL);
                long deadline = System.nanoTime() + config.killWait().toNanos();
                while (process.groupAlive() && System.nanoTime() < deadline) {
                    TimeUnit.MILLISECONDS.sleep(10);
                }
            }
            process.release();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "cleaning up after pid " + process.ref().pid() + ": " + e.getMessage());
        }
    }

    // ---- stopping ---------------------------------------------------------------------------------

    /**
     * TERM to the group, then KILL once the grace period is over; completes with a note saying how
     * it ended, once no member of the group (or its cgroup) is left.
     */
    private CompletableFuture<String> terminate(RunningProcess process, Duration grace) {
        CompletableFuture<String> done = new CompletableFuture<>();
        if (!process.groupAlive()) {
            releaseQuietly(process);
            done.complete("had already exited");
            return done;
        }
        process.signalGroup(Signal.TERM);
        long start = System.nanoTime();
        long termDeadline = start + grace.toNanos();
        Runnable[] check = new Runnable[1];
        boolean[] killed = {false};
        check[0] = () -> {
            long now = System.nanoTime();
            if (!process.groupAlive()) {
                releaseQuietly(process);
                long ms = TimeUnit.NANOSECONDS.toMillis(now - start);
                done.complete(killed[0] ? "did not exit within " + grace.toMillis() + " ms of TERM; killed"
                        : "exited " + ms + " ms after TERM");
                return;
            }
            if (!killed[0] && now >= termDeadline) {
                killed[0] = true;
                process.signalGroup(Signal.KILL);
            } else if (killed[0] && now >= termDeadline + config.killWait().toNanos()) {
                done.complete("processes of group " + process.ref().pgid() + " survive KILL");
                return;
            }
            executor.schedule(guard(check[0]), STOP_POLL.toNanos(), TimeUnit.NANOSECONDS);
        };
        executor.schedule(guard(check[0]), Math.min(STOP_POLL.toNanos(), grace.toNanos()), TimeUnit.NANOSECONDS);
        return done;
    }

    private CompletableFuture<Void> after(Duration delay) {
        if (delay.isZero()) {
            return CompletableFuture.completedFuture(null);
        }
        CompletableFuture<Void> done = new CompletableFuture<>();
        executor.schedule(() -> done.complete(null), delay.toNanos(), TimeUnit.NANOSECONDS);
        return done;
    }

    private static void releaseQuietly(RunningProcess process) {
        try {
            process.release();
        } catch (UncheckedIOException e) {
            LOG.warning("pid " + process.ref().pid() + ": " + e.getMessage());
        }
    }

    // ---- background -------------------------------------------------------------------------------

    /** Adopted processes are not our children, so nobody tells us when they exit: look. */
    private void pollAdopted() {
        for (Instance inst : instances.values()) {
            RunningProcess p = inst.process;
            if (p != null && p.adopted()) {
                p.isAlive(); // completes its onExit future when it is gone
            }
        }
    }

    private void rotateLogs() {
        for (Instance inst : instances.values()) {
            if (inst.state() == InstanceState.STOPPED) {
                continue;
            }
            for (var file : List.of(inst.spec.launch().stdoutLog(), inst.spec.launch().stderrLog())) {
                try {
                    LogRotator.rotateIfNeeded(file, config.logPolicy());
                } catch (IOException e) {
                    LOG.warning("instance " + inst.spec.instanceId() + ": cannot rotate " + file + ": " + e.getMessage());
                }
            }
        }
    }

    private void save() {
        synchronized (saveLock) {
            List<PersistedInstance> all = new ArrayList<>();
            for (Instance inst : instances.values()) {
                PersistedInstance p = inst.persisted();
                if (p != null) {
                    all.add(p);
                }
            }
            try {
                store.save(all);
            } catch (IOException e) {
                LOG.severe("cannot save instance state to " + store.file() + ": " + e.getMessage());
            }
        }
    }

    private void submit(Runnable task) {
        if (!closed) {
            try {
                executor.execute(guard(task));
            } catch (java.util.concurrent.RejectedExecutionException e) {
                // closing
            }
        }
    }

    private void publish(InstanceTransition t) {
        try {
            events.execute(() -> {
                try {
                    listener.onTransition(t);
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "instance listener failed on " + t, e);
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // closing: nobody listens any more
        }
    }

    private static Runnable guard(Runnable task) {
        return BackgroundTasks.guard(LOG, "agent-supervisor", task);
    }

    private static Thread daemon(Runnable r, String name) {
        return BackgroundTasks.daemon(r, name);
    }

    /** One supervised instance; fields guarded by its own monitor. */
    private final class Instance {
        final InstanceSpec spec;
        InstanceState state = InstanceState.IDLE;
        String message = "waiting to launch";
        Instant since;
        int restarts;
        long generation;
        long pid;
        long launchedNanos;
        boolean stopping;
        CompletableFuture<InstanceStatus> stopped;
        volatile RunningProcess process;
        RunningProcess draining;
        HealthTracker tracker;
        Duration nextDelay = Duration.ZERO;
        String pendingNote;
        boolean saved = true;
        boolean cpuLimited = true;
        final Deque<Instant> failures = new ArrayDeque<>();

        Instance(InstanceSpec spec, int restarts) {
            this.spec = spec;
            this.restarts = restarts;
            this.since = clock.instant();
        }

        synchronized InstanceState state() {
            return state;
        }

        synchronized long generation() {
            return generation;
        }

        synchronized InstanceStatus status() {
            RunningProcess p = process;
            return new InstanceStatus(spec.instanceId(), spec.launch().app(), state, message, p == null ? 0 : p.ref().pid(),
                    spec.launch().port(), restarts, since);
        }

        synchronized void note(String why) {
            message = why;
            pendingNote = why;
        }

        /** Must hold the lock. */
        void move(InstanceState to, String why) {
            if (!state.canMoveTo(to)) {
                throw new IllegalStateException("instance " + spec.instanceId() + ": no move from " + state + " to " + to);
            }
            InstanceState from = state;
            state = to;
            message = why;
            since = clock.instant();
            publish(new InstanceTransition(from, status()));
        }

        synchronized void adopt(RunningProcess p) {
            process = p;
            pid = p.ref().pid();
            tracker = new HealthTracker(spec.health(), clock.instant());
            launchedNanos = System.nanoTime();
            cpuLimited = false;
            endStartupCpu(this); // it may have been adopted during its start: no allowance after a restart of the agent
            move(InstanceState.LAUNCHING, "adopted pid " + pid + " from the previous agent");
            watchExit(this, p);
            scheduleProbe(this, generation, firstProbeDelay(spec));
        }

        CompletableFuture<InstanceStatus> stop(Duration drain) {
            RunningProcess p;
            CompletableFuture<InstanceStatus> result;
            synchronized (this) {
                if (stopped != null) {
                    return stopped;
                }
                stopped = result = new CompletableFuture<>();
                stopping = true;
                generation++;
                p = process;
                process = null;
                if (p != null) {
                    draining = p;
                }
                if (state == InstanceState.STOPPED) {
                    result.complete(status());
                    return result;
                }
                move(InstanceState.DRAINING, p == null ? "stopping (no process running)"
                        : (drain.isZero() ? "stopping: " : "draining for " + drain.toMillis() + " ms, then ")
                        + "TERM to group " + p.ref().pgid() + ", KILL after " + spec.stopGrace().toMillis() + " ms");
            }
            save();
            CompletableFuture<String> ended = p == null ? CompletableFuture.completedFuture("stopped")
                    : after(drain).thenCompose(v -> terminate(p, spec.stopGrace()));
            ended.whenComplete((note, error) -> {
                synchronized (this) {
                    move(InstanceState.STOPPED, error != null ? "stop failed: " + error.getMessage()
                            : p == null ? note : "pid " + p.ref().pid() + " " + note);
                }
                save();
                result.complete(status());
            });
            return result;
        }

        /** What to save: the spec and the running process; nothing once stopped. */
        synchronized PersistedInstance persisted() {
            if (state == InstanceState.STOPPED) {
                return null;
            }
            if (stopping) {
                // Kept, marked, while its processes may run: a next agent finishes the stop, never restarts it.
                RunningProcess d = draining;
                return d == null ? null : new PersistedInstance(spec, Optional.of(d.ref()), restarts, true);
            }
            RunningProcess p = process != null ? process : draining;
            Optional<ProcessRef> ref = p == null ? Optional.empty() : Optional.of(p.ref());
            return new PersistedInstance(spec, ref, restarts, false);
        }
    }
}
