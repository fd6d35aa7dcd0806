package io.mycelium.agent.daemon;

import io.mycelium.agent.health.HealthPolicy;
import io.mycelium.agent.health.HealthProbe;
import io.mycelium.agent.reconcile.Sprouting;
import io.mycelium.fabric.ClusterView;
import io.mycelium.fabric.Fabric;
import io.mycelium.fabric.model.EndpointRecord;
import io.mycelium.fabric.model.Plan;
import io.mycelium.fabric.model.Role;
import io.mycelium.fabric.state.OperatorRecords;
import io.mycelium.spore.pack.PackedSpore;
import io.mycelium.testing.Ports;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.awaitility.Awaitility.await;

/**
 * The agent's figures of issue 4, on agents running as separate processes with the suggested JVM
 * flags ({@link AgentProcesses#JVM_FLAGS}), on loopback:
 * <ol>
 *   <li>plan submitted to all instances Ready and published (seen by an observer member), for the
 *       example greeter workload with 2 instances on 3 agents, 20 runs, against the same workload's
 *       own start-to-healthy time measured alone, interleaved run by run;</li>
 *   <li>after {@code kill -9} of one of 3 agents, the time until its instance is Ready elsewhere.</li>
 * </ol>
 * Run: {@code ./mvnw -q -pl agent -am test -Dtest=AgentBenchmark -Dsurefire.excludedGroups= -Dgroups=benchmark
 * -Dsurefire.failIfNoSpecifiedTests=false}; the table goes to stdout and {@code agent/target/agent-benchmark.md}.
 * The agent's own start-to-ready time and idle RSS are measured by {@code bench/agent-footprint.sh}, which starts
 * it as a user does ({@code ./mesh agent}, with the launcher's class-data archive).
 * Options: {@code -Dbench.runs=N} (20), {@code -Dbench.kills=N} (5), {@code -Dagent.jvm.flags="..."}; with {@code -Dmycelium.agent.hops=true}
 * among the agent flags, the agents mark each hop of every launch ({@link io.mycelium.agent.trace.Hops}) and the
 * report adds a per-hop table ({@link HopReport}), one line per instance in {@code agent/target/agent-hops.txt},
 * and the agents' logs in {@code agent/target/agent-logs/}.
 *
 * <p>The reference is started as the agent starts the workload, minus the agent: the same script by its
 * {@code #!} line, the same clean environment, probed with the agent's own probe on the agent's schedule;
 * no setsid, no cgroup, no user switch, nothing else starting at the same time.
 */
@Tag("benchmark")
class AgentBenchmark {
    private static final int RUNS = Integer.getInteger("bench.runs", 20);
    private static final int KILLS = Integer.getInteger("bench.kills", 5);

    @Test
    void agentFigures() throws Exception {
        StringBuilder md = new StringBuilder();
        md.append("Date: ").append(LocalDate.now()).append(", runs: ").append(RUNS).append(", kill runs: ").append(KILLS).append("\n\n");
        md.append("Agent JVM flags: `").append(String.join(" ", AgentProcesses.JVM_FLAGS)).append("`\n\n");
        planToReadyAndKill(md);
        System.out.println(md);
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target/agent-benchmark.md"), md.toString());
    }

    private static String row(String what, List<Double> xs, String target) {
        List<Double> s = new ArrayList<>(xs);
        Collections.sort(s);
        return String.format(Locale.ROOT, "| %s | %.0f | %.0f | %s |%n", what, pct(s, 50), s.get(s.size() - 1), target);
    }

    static final String[] HOPS = {"first instance record of the app (plan seen, decided, published)",
        "both instance records seen", "first LAUNCHING (spore ready, port reserved, launched)", "second LAUNCHING",
        "first READY instance record", "second READY instance record", "first READY endpoint", "second READY endpoint"};

    /**
     * The first time each hop was seen by the observer, ms after t0, until 2 READY endpoints: taken in
     * the observer's fabric listener as each record arrives (only that record is decoded), so the
     * measuring costs no CPU between arrivals. (Polling the view every 1 ms, as this benchmark did
     * before, decoded every record of the fabric each millisecond: 145 ms of CPU per run, taken from
     * the starting workloads on this 2-core machine.)
     */
    private static double[] timeline(Fabric observer, String app, long t0, Runnable submit) throws Exception {
        double[] at = new double[HOPS.length];
        java.util.Arrays.fill(at, -1);
        Map<String, io.mycelium.fabric.model.InstanceState> states = new java.util.HashMap<>();
        java.util.Set<String> ready = new java.util.HashSet<>();
        java.util.concurrent.CompletableFuture<Void> done = new java.util.concurrent.CompletableFuture<>();
        java.util.function.Consumer<io.mycelium.fabric.FabricChange> listener = c -> {
            io.mycelium.fabric.state.FabricRecord r = c.record();
            if (r == null || r.tombstone()) {
                return;
            }
            double now = AgentProcesses.since(t0).toNanos() / 1e6;
            synchronized (at) {
                if (r.key().kind() == io.mycelium.fabric.model.RecordKind.INSTANCE) {
                    io.mycelium.fabric.model.InstanceRecord i = r.value(io.mycelium.fabric.model.InstanceRecord.class).orElseThrow();
                    if (i.app().equals(app)) {
                        states.put(i.instanceId(), i.state());
                    }
                } else if (r.key().kind() == io.mycelium.fabric.model.RecordKind.ENDPOINT) {
                    EndpointRecord e = r.value(EndpointRecord.class).orElseThrow();
                    if (e.app().equals(app) && e.state() == io.mycelium.fabric.model.EndpointState.READY) {
                        ready.add(e.instanceId());
                    }
                } else {
                    return;
                }
                long launched = states.values().stream().filter(x -> x == io.mycelium.fabric.model.InstanceState.LAUNCHING
                        || x == io.mycelium.fabric.model.InstanceState.READY).count();
                long readyRecs = states.values().stream().filter(x -> x == io.mycelium.fabric.model.InstanceState.READY).count();
                mark(at, 0, states.size() >= 1, now);
                mark(at, 1, states.size() >= 2, now);
                mark(at, 2, launched >= 1, now);
                mark(at, 3, launched >= 2, now);
                mark(at, 4, readyRecs >= 1, now);
                mark(at, 5, readyRecs >= 2, now);
                mark(at, 6, ready.size() >= 1, now);
                mark(at, 7, ready.size() >= 2, now);
                if (at[7] >= 0) {
                    done.complete(null);
                }
            }
        };
        observer.addListener(listener);
        try {
            submit.run();
            done.get(60, TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError(app + ": 2 READY endpoints not seen within 60 s");
        } finally {
            observer.removeListener(listener);
        }
        synchronized (at) {
            for (int i = HOPS.length - 2; i >= 0; i--) {
                if (at[i] < 0) {
                    at[i] = at[i + 1]; // a state passed between two records of the same instance
                }
            }
            return at.clone();
        }
    }

    private static void mark(double[] at, int i, boolean reached, double now) {
        if (reached && at[i] < 0) {
            at[i] = now;
        }
    }

    private void planToReadyAndKill(StringBuilder md) throws Exception {
        List<Double> orchestrated = new ArrayList<>();
        List<Double> alone = new ArrayList<>();
        List<Double> failover = new ArrayList<>();
        String hopTable;
        long agentCpuTicks = 0;
        long benchCpuTicks = 0;
        List<double[]> hops = new ArrayList<>();
        List<Double> aloneListening = new ArrayList<>();
        Map<String, Long> submitMicros = new java.util.LinkedHashMap<>();
        try (AgentProcesses cluster = new AgentProcesses(new TestMesh())) {
            TestMesh mesh = cluster.mesh;
            PackedSpore greeter = cluster.startThreeWithGreeter(Duration.ofSeconds(60));
            Fabric observer = cluster.observer.fabric();
            Path script = TestMesh.EXAMPLES.resolve("script/greeter.py");
            for (int run = 0; run < RUNS; run++) {
                double[] ref = aloneStartToHealthy(mesh, script, Sprouting.policy(greeter.manifest().health()));
                alone.add(ref[0]);
                aloneListening.add(ref[1]);
                String app = "bench" + run;
                Plan plan = Plan.of(app, greeter.digest(), 2).withNutrients(100, 32);
                submitMicros.put(app, epochMicros());
                long[] cpu0 = cpuTicks(cluster);
                long t0 = System.nanoTime();
                double[] seen = timeline(observer, app, t0,
                        () -> observer.submit(OperatorRecords.sign(mesh.operator, plan, app, 1, observer.hlcNow())));
                hops.add(seen);
                orchestrated.add(seen[7]);
                long[] cpu1 = cpuTicks(cluster);
                agentCpuTicks += cpu1[0] - cpu0[0];
                benchCpuTicks += cpu1[1] - cpu0[1];
                observer.submit(OperatorRecords.sign(mesh.operator, plan.withInstances(0), app, 2, observer.hlcNow()));
                // Until every instance is STOPPED (its processes gone), not only no longer active: the next
                // run must not overlap this one's drain, TERM and exit (it did, before 2026-11-29 03:00).
                await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50))
                        .until(() -> observer.view().instances(app).values().stream().flatMap(List::stream)
                                .allMatch(x -> x.state() == io.mycelium.fabric.model.InstanceState.STOPPED));
            }
            HopReport hopReport = HopReport.read(mesh.root);
            hopTable = hopReport.table(submitMicros);
            Files.createDirectories(Path.of("target"));
            Files.writeString(Path.of("target/agent-hops.txt"), hopReport.perInstance(submitMicros));
            copyAgentLogs(mesh.root, Path.of("target/agent-logs"));
            Plan plan = Plan.of("kill", greeter.digest(), 2).withNutrients(100, 32);
            observer.submit(OperatorRecords.sign(mesh.operator, plan, "kill", 1, observer.hlcNow()));
            for (int k = 0; k < KILLS; k++) {
                await().atMost(Duration.ofSeconds(60)).until(() -> observer.view().readyEndpoints("kill").size() == 2
                        && observer.view().liveMembers(Role.AGENT).size() == 3);
                EndpointRecord ep = observer.view().readyEndpoints("kill").get(0);
                String victim = observer.view().instances("kill").entrySet().stream()
                        .filter(e -> e.getValue().stream().anyMatch(x -> x.instanceId().equals(ep.instanceId())))
                        .map(Map.Entry::getKey).findFirst().orElseThrow();
                cluster.rememberWorkloads(victim);
                long t0 = System.nanoTime();
                cluster.processes.get(victim).destroyForcibly().waitFor();
                await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(5)).until(() -> {
                    ClusterView v = observer.view();
                    List<EndpointRecord> eps = v.readyEndpoints("kill");
                    return eps.size() == 2 && eps.stream().noneMatch(e -> e.instanceId().equals(ep.instanceId()));
                });
                failover.add(AgentProcesses.since(t0).toNanos() / 1e6);
                cluster.start(victim); // adopts its orphan, which then loses or keeps its slot
            }
            observer.submit(OperatorRecords.sign(mesh.operator, plan.withInstances(0), "kill", 2, observer.hlcNow()));
            await().atMost(Duration.ofSeconds(60)).until(() -> observer.view().instances("kill").values().stream()
                    .flatMap(List::stream).noneMatch(x -> x.state().active()));
        }
        Collections.sort(orchestrated);
        Collections.sort(alone);
        Collections.sort(aloneListening);
        Collections.sort(failover);
        md.append("| hop, as the observer sees it in the fabric (ms after submit) | median | max |\n|---|---:|---:|\n");
        for (int h = 0; h < HOPS.length; h++) {
            List<Double> col = new ArrayList<>();
            for (double[] r : hops) {
                col.add(r[h]);
            }
            Collections.sort(col);
            md.append(String.format(Locale.ROOT, "| %s | %.0f | %.0f |%n", HOPS[h], pct(col, 50), col.get(col.size() - 1)));
        }
        md.append("\n");
        if (hopTable.contains("| decided |")) {
            md.append(hopTable).append('\n');
        }
        md.append("| plan to Ready (greeter x2 on 3 agents) | median ms | p99 ms | max ms |\n|---|---:|---:|---:|\n");
        md.append(String.format(Locale.ROOT, "| plan submitted -> 2 instances Ready and published | %.0f | %.0f | %.0f |%n",
                pct(orchestrated, 50), pct(orchestrated, 99), orchestrated.get(orchestrated.size() - 1)));
        md.append(String.format(Locale.ROOT, "| reference: the workload alone, start -> /health 200 | %.0f | %.0f | %.0f |%n",
                pct(alone, 50), pct(alone, 99), alone.get(alone.size() - 1)));
        md.append(String.format(Locale.ROOT, "| same runs, start -> listening (its stdout line) | %.0f | %.0f | %.0f |%n",
                pct(aloneListening, 50), pct(aloneListening, 99), aloneListening.get(aloneListening.size() - 1)));
        md.append(String.format(Locale.ROOT, "| **orchestration overhead (difference of medians)** | **%.0f** | | |%n%n",
                pct(orchestrated, 50) - pct(alone, 50)));
        md.append(String.format(Locale.ROOT, "CPU used from submit to 2 READY endpoints, per run on average: the 3 agent JVMs %.0f ms, "
                + "the benchmark JVM (observer, polling) %.0f ms (clock ticks of 10 ms, summed over the runs).%n%n",
                agentCpuTicks * 10.0 / RUNS, benchCpuTicks * 10.0 / RUNS));
        md.append(String.format(Locale.ROOT, "| kill -9 of 1 of 3 agents -> its instance Ready elsewhere (%d runs) | median ms | max ms |%n|---|---:|---:|%n"
                + "| time | %.0f | %.0f |%n", failover.size(), pct(failover, 50), failover.get(failover.size() - 1)));
        md.append("\nAll figures: ").append(String.join(" ", List.of(
                "plan=" + fmt(orchestrated), "alone=" + fmt(alone), "failover=" + fmt(failover)))).append('\n');
    }

    private static String fmt(List<Double> xs) {
        return xs.stream().map(x -> String.format(Locale.ROOT, "%.0f", x)).toList().toString().replace(" ", "");
    }

    /** The agents' logs (their hop marks included), kept for reading after the mesh is removed. */
    private static void copyAgentLogs(Path root, Path to) throws IOException {
        Files.createDirectories(to);
        try (var logs = Files.list(root)) {
            for (Path log : logs.filter(p -> p.getFileName().toString().endsWith(".log")).toList()) {
                Files.copy(log, to.resolve(log.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    /** utime + stime in clock ticks: the agent processes together, and this JVM. */
    private static long[] cpuTicks(AgentProcesses cluster) throws IOException {
        long agents = 0;
        for (Process p : cluster.processes.values()) {
            agents += ticks("/proc/" + p.pid() + "/stat");
        }
        return new long[] {agents, ticks("/proc/self/stat")};
    }

    private static long ticks(String statFile) throws IOException {
        String stat = Files.readString(Path.of(statFile));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(f[11]) + Long.parseLong(f[12]); // fields 14 and 15 of proc(5)
    }

    private static long epochMicros() {
        java.time.Instant now = java.time.Instant.now();
        return now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
    }

    /**
     * Starts greeter.py directly on a free port (no setsid, no cgroup, no user switch) and times it
     * until its health check passes, probed the way the agent probes it: the same {@link HealthProbe}
     * (one loopback connect and GET, from this JVM) on the same schedule
     * ({@link HealthPolicy#startupDelay} of the policy the agent derives from the manifest); also
     * when it printed its listening line (its output file's modification time).
     */
    private static double[] aloneStartToHealthy(TestMesh mesh, Path script, HealthPolicy policy) throws Exception {
        int port = Ports.free();
        Path out = Files.createTempFile(mesh.root, "alone-", ".out");
        // The command line and environment the agent gives it: the script itself (its #! line), a clean env.
        ProcessBuilder pb = new ProcessBuilder(script.toString()).redirectErrorStream(true).redirectOutput(out.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).directory(mesh.root.toFile());
        pb.environment().clear();
        pb.environment().putAll(Map.of("PATH", "/usr/local/bin:/usr/bin:/bin", "HOME", mesh.root.toString(),
                "PORT", Integer.toString(port), "MYCELIUM_INSTANCE_ID", "alone", "MYCELIUM_APP", "alone", "MYCELIUM_NODE", "bench",
                "MYCELIUM_DATA_DIR", mesh.root.toString(), "MYCELIUM_BIND_ADDRESS", "127.0.0.1"));
        long e0 = epochMicros();
        long t0 = System.nanoTime();
        Process p = pb.start();
        try {
            java.net.InetAddress loopback = java.net.InetAddress.getLoopbackAddress();
            long deadline = t0 + TimeUnit.SECONDS.toNanos(30);
            while (true) {
                java.util.concurrent.locks.LockSupport.parkNanos(policy.startupDelay(AgentProcesses.since(t0)).toNanos());
                if (HealthProbe.probe(policy.check(), loopback, port, policy.timeout()).healthy()) {
                    break;
                }
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("greeter alone on port " + port + " not healthy within 30 s");
                }
            }
            double healthy = AgentProcesses.since(t0).toNanos() / 1e6;
            double listening = (Files.getLastModifiedTime(out).to(TimeUnit.MICROSECONDS) - e0) / 1000.0;
            return new double[] {healthy, listening};
        } finally {
            p.destroy();
            if (!p.waitFor(5, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor();
            }
        }
    }

    private static double pct(List<Double> sorted, int p) {
        int i = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, i)));
    }
}
