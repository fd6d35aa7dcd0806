package io.mycelium.cli.up;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mycelium.testing.ChildJvm;
import io.mycelium.testing.Ports;
import io.mycelium.testing.ProcessCluster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code mesh up} as a child process for end-to-end tests: 3 agents and 1 edge on free loopback
 * ports in a temp work dir, stopped by TERM (mesh up stops its children by PID) with a check that
 * no process is left behind; the processes are a {@link ProcessCluster}.
 */
public final class MeshUpProcess implements AutoCloseable {
    private ProcessCluster cluster;
    private Path work;
    private Process up;
    private int edgePort;
    private int apiBase;
    private final List<Long> workloadPids = new ArrayList<>();
    private final List<Long> childPids = new ArrayList<>();
    private final java.util.Map<String, Long> pidByName = new java.util.LinkedHashMap<>();
    private final java.util.Map<String, List<String>> extraCommands = new java.util.HashMap<>();

    private MeshUpProcess() {
    }

    public static Path repoRoot() {
        String prop = System.getProperty("mesh.repo.root");
        Path root = prop != null ? Path.of(prop) : Path.of(System.getProperty("user.dir")).getParent();
        return root.toAbsolutePath();
    }

    /** {@link Ports#freeBlock}: kept for the e2e tests written on this harness. */
    public static int freePortBlock(int size) {
        return Ports.freeBlock(size);
    }

    /** Starts mesh up (3 agents, 1 edge, seeds discovery) in a temp dir on free ports and waits until it is ready. */
    public static MeshUpProcess start() throws Exception {
        MeshUpProcess m = new MeshUpProcess();
        try {
            m.begin();
        } catch (Exception | AssertionError e) {
            if (m.cluster != null) {
                try {
                    m.cluster.close(); // what did start is stopped, its logs printed
                } catch (Exception | AssertionError closing) {
                    e.addSuppressed(closing);
                }
            }
            throw e;
        }
        return m;
    }

    private void begin() throws Exception {
        cluster = ProcessCluster.inTempDir("mesh-up-e2e-");
        work = cluster.work();
        cluster.logsIn(work.resolve("mesh/logs"));
        int base = freePortBlock(15);
        apiBase = base;
        edgePort = base + 10;
        int fabricBase = base + 5;
        int workloads = 40_000 + java.util.concurrent.ThreadLocalRandom.current().nextInt(0, 20) * 1000;
        List<String> cmd = ChildJvm.command(List.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"), "io.mycelium.cli.Main", List.of(
                "up", "--dir", work.resolve("mesh").toString(),
                "--examples", repoRoot().resolve("examples").toString(),
                "--agents", "3", "--edge-port", Integer.toString(edgePort), "--api-port", Integer.toString(apiBase),
                "--fabric-port", Integer.toString(fabricBase), "--workload-ports", Integer.toString(workloads),
                "--hyphae-port", Integer.toString(base + 12),
                "--discovery", "seeds", "--timeout", "300"));
        // TERM: mesh up stops its children by PID
        up = cluster.start("mesh up", ChildJvm.builder(cmd, work.resolve("up.log")).directory(work.toFile()), Duration.ofSeconds(120));
        await("mesh up ready").atMost(Duration.ofSeconds(420)).pollInterval(Duration.ofSeconds(1))
                .until(() -> {
                    if (!up.isAlive()) {
                        throw new AssertionError("mesh up exited " + up.exitValue() + ":\n" + log());
                    }
                    return log().contains("ready in ");
                });
        for (String line : Files.readAllLines(work.resolve("mesh/pids"))) {
            long pid = Long.parseLong(line.split(" ")[0]);
            childPids.add(pid);
            pidByName.put(line.split(" ")[1], pid);
            cluster.mustBeGone(pid);
        }
    }

    public String log() throws IOException {
        return Files.readString(work.resolve("up.log"));
    }

    public Path work() {
        return work;
    }

    public int edgePort() {
        return edgePort;
    }

    public int apiBase() {
        return apiBase;
    }

    /** The agents' and the edge's PIDs, in start order. */
    public List<Long> childPids() {
        return childPids;
    }

    /** The PID of the child mesh up started as {@code name} ("agent-2", "edge"). */
    public long pidOf(String name) {
        Long pid = pidByName.get(name);
        if (pid == null) {
            throw new IllegalArgumentException("mesh up started no child named " + name + ": " + pidByName.keySet());
        }
        return pid;
    }

    /** {@code kill -9} of one process this test's mesh up started (or {@link #relaunch} or {@link #startEdge} did), by PID; returns once it is gone. */
    public void kill9(long pid) {
        cluster.kill9(pid);
    }

    /**
     * Starts child {@code name} again with the command mesh up ran for it (the first line of its
     * log), its output appended there. Stopped by PID (TERM) on {@link #close()}, before mesh up.
     */
    public Process relaunch(String name) throws IOException {
        Path log = work.resolve("mesh/logs/" + name + ".log");
        List<String> cmd = extraCommands.containsKey(name) ? extraCommands.get(name) : launchCommand(log);
        return launch(name, cmd, log);
    }

    /**
     * Starts a second edge beside mesh up's: the same settings but node id {@code name}, its own
     * HTTP and fabric ports and data dir. Stopped by PID on {@link #close()}, before mesh up.
     */
    public Process startEdge(String name, int port, int fabricPort) throws IOException {
        io.mycelium.edge.daemon.EdgeSettings e = io.mycelium.edge.daemon.EdgeSettings.read(work.resolve("mesh/edge.json"));
        Path config = work.resolve("mesh/" + name + ".json");
        new io.mycelium.edge.daemon.EdgeSettings(e.cluster(), name, e.bind(), port, fabricPort, e.clusterKey(), e.operatorTrust(),
                work.resolve("mesh/" + name).toAbsolutePath(), e.join(), e.mdnsInterface(), e.balancing(), e.hostDomain(), e.timeoutMs(),
                e.accessLog()).write(config);
        List<String> cmd = new ArrayList<>(launchCommand(work.resolve("mesh/logs/edge.log")));
        cmd.set(cmd.size() - 1, config.toString());
        return launch(name, cmd, work.resolve("mesh/logs/" + name + ".log"));
    }

    private static List<String> launchCommand(Path log) throws IOException {
        String first = Files.readAllLines(log).get(0);
        String marker = " mesh up: ";
        return List.of(first.substring(first.indexOf(marker) + marker.length()).split(" "));
    }

    private Process launch(String name, List<String> cmd, Path log) throws IOException {
        extraCommands.put(name, List.copyOf(cmd));
        return cluster.start(name, cmd, log, Duration.ofSeconds(60)); // TERM: an agent stops its workloads first
    }

    /** Copies every node's saved fabric state (state.json) now under {@code mesh/snapshots/LABEL}, kept with the logs (diagnosis of a failed check). */
    public void snapshotState(String label) {
        Path snapshots = work.resolve("mesh/snapshots");
        cluster.copyTree(snapshots.resolve(label), p -> p.getFileName().toString().equals("state.json") && !p.startsWith(snapshots));
    }

    /** Workload PIDs a test saw: checked gone (and killed if not) on close. */
    public List<Long> workloadPids() {
        return workloadPids;
    }

    /** TERM to mesh up (and what the test started beside it), then checks that every child and workload is gone; prints the logs; removes the work dir. */
    @Override
    public void close() throws Exception {
        workloadPids.forEach(cluster::mustBeGone);
        StringBuilder upLog = new StringBuilder();
        cluster.afterStop(() -> {
            try {
                upLog.append(log());
            } catch (IOException e) {
                upLog.append("(no output: ").append(e).append(')');
            }
            System.out.println("---- mesh up's output\n" + upLog);
        });
        cluster.close();
        assertThat(upLog.toString()).contains("mesh up: stopped");
    }
}
