package io.mycelium.agent.daemon;

import io.mycelium.fabric.Fabric;
import io.mycelium.fabric.FabricConfig;
import io.mycelium.fabric.FabricNode;
import io.mycelium.fabric.model.Role;
import io.mycelium.fabric.wire.Keyring;
import io.mycelium.spore.key.TrustStore;
import io.mycelium.testing.ChildJvm;
import io.mycelium.testing.Ports;
import io.mycelium.testing.ProcessCluster;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Agents as separate JVM processes (the way {@code mesh agent} runs them), plus an in-JVM observer
 * member (role console) that submits plans and watches the fabric; the processes are a
 * {@link ProcessCluster} in the test mesh's dir. Closing scales nothing: the caller drains its apps
 * first; then every agent is stopped by its own PID and every workload process group left behind
 * is killed by its pgid from the agents' state files.
 */
final class AgentProcesses implements AutoCloseable {
    /** The daemon's flags (its jvm-options); {@code -Dagent.jvm.flags="..."} replaces them (benchmarks of other flags). */
    static final List<String> JVM_FLAGS = System.getProperty("agent.jvm.flags") != null
            ? List.of(System.getProperty("agent.jvm.flags").trim().split("\\s+"))
            : AgentJvmOptions.recommended();
    private static final Pattern PID = Pattern.compile("\"pid\"\\s*:\\s*(\\d+)");

    final TestMesh mesh;
    final Map<String, AgentConfig> configs = new LinkedHashMap<>();
    final Map<String, Process> processes = new LinkedHashMap<>();
    private final ProcessCluster cluster;
    FabricNode observer;

    AgentProcesses(TestMesh mesh) {
        this.mesh = mesh;
        this.cluster = ProcessCluster.in(mesh.root);
        // agents detach on TERM and save what still runs: their state files name every workload left
        cluster.afterStop(() -> configs.keySet().forEach(this::rememberWorkloads));
    }

    AgentConfig add(String id, int index) throws IOException {
        AgentConfig c = mesh.config(id, index).toBuilder().apiPort(Ports.free()).build();
        configs.put(id, c);
        return c;
    }

    /** Starts (or restarts) the agent process {@code id}. */
    Process start(String id) throws IOException {
        AgentConfig c = configs.get(id);
        Path file = mesh.root.resolve(id + ".json");
        c.write(file);
        List<String> cmd = ChildJvm.command(JVM_FLAGS, AgentMain.class.getName(), List.of("--config", file.toString()));
        ProcessBuilder pb = ChildJvm.builder(cmd, mesh.root.resolve(id + "-" + System.nanoTime() + ".log"));
        if (System.getProperty("agent.mallocArenaMax") != null) { // glibc malloc arenas (benchmarks of the footprint)
            pb.environment().put("MALLOC_ARENA_MAX", System.getProperty("agent.mallocArenaMax"));
        }
        Process p = cluster.start(id, pb, Duration.ofSeconds(10));
        processes.put(id, p);
        return p;
    }

    /**
     * Agents a, b and c as processes, the greeter spore in agent-a's repository only, and an
     * observer that sees all three with their capacity within {@code within}; the greeter.
     */
    io.mycelium.spore.pack.PackedSpore startThreeWithGreeter(Duration within) throws Exception {
        for (int i = 0; i < 3; i++) {
            add("agent-" + (char) ('a' + i), i);
        }
        io.mycelium.spore.pack.PackedSpore greeter = mesh.greeter(m -> m);
        io.mycelium.spore.store.SporeRepo.open(configs.get("agent-a").dataDir().resolve("repo")).put(greeter.path());
        for (String id : configs.keySet()) {
            start(id);
        }
        Fabric observer = observe();
        org.awaitility.Awaitility.await().atMost(within).until(() -> observer.view().liveMembers(Role.AGENT).stream()
                .filter(m -> observer.view().capacity(m.id()).isPresent()).count() == 3);
        return greeter;
    }

    String apiUrl(String id) {
        return "http://127.0.0.1:" + configs.get(id).apiPort();
    }

    /** Joins an observer member to the agents. */
    Fabric observe() throws IOException {
        AgentConfig first = configs.values().iterator().next();
        FabricConfig fc = FabricConfig.builder(first.cluster(), "observer", Role.CONSOLE, "127.0.0.1", Ports.free()).build();
        observer = FabricNode.start(new FabricNode.Options(fc, Keyring.read(mesh.clusterKey), TrustStore.load(mesh.operatorTrust),
                List.of(new InetSocketAddress("127.0.0.1", first.fabricPort())), null, null));
        return observer.fabric();
    }

    /** Remembers the workload process groups an agent's state file names (to kill them at the end if left). */
    void rememberWorkloads(String id) {
        Path state = configs.get(id).dataDir().resolve("supervisor/instances.json");
        try {
            if (Files.exists(state)) {
                Matcher m = PID.matcher(Files.readString(state));
                while (m.find()) {
                    cluster.workloadGroup(Long.parseLong(m.group(1)));
                }
            }
        } catch (IOException e) {
            // nothing to remember
        }
    }

    @Override
    public void close() throws Exception {
        // the agents first, so that nothing below (an observer slow to leave under load) can leave them running
        cluster.terminate();
        try {
            if (observer != null) {
                try {
                    observer.close();
                } catch (RuntimeException e) {
                    System.err.println("closing the observer: " + e);
                }
            }
            cluster.close();
        } finally {
            mesh.close();
        }
    }

    static Duration since(long nanos) {
        return Duration.ofNanos(System.nanoTime() - nanos);
    }
}
