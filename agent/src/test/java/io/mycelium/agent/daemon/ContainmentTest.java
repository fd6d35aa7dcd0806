package io.mycelium.agent.daemon;

import static io.mycelium.agent.daemon.TestMesh.instanceOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.mycelium.agent.cgroup.Cgroup;
import io.mycelium.agent.cgroup.Cgroups;
import io.mycelium.fabric.FabricChange;
import io.mycelium.fabric.model.EndpointRecord;
import io.mycelium.fabric.model.InstanceRecord;
import io.mycelium.fabric.model.InstanceState;
import io.mycelium.fabric.model.Plan;
import io.mycelium.fabric.model.RecordKind;
import io.mycelium.spore.pack.PackedSpore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The cgroup contains a workload gone wrong, with real processes under one real agent that keeps
 * serving a healthy app meanwhile: a workload that forks children allocating past its
 * {@code memory_mb} is killed by the kernel and reported "out of memory ... raise the plan's
 * memory_mb"; one that spins on every core gets no more than its {@code cpu_milli} (the share it got
 * is measured from /proc over the group's processes). Needs writable cgroups (root, v2 or v1 cpu,
 * memory and pids): elsewhere it is skipped with the reason, except under CI as root, where it
 * fails, so the fresh CI machine always runs it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ContainmentTest {
    private static final long TICKS_PER_SECOND = 100; // USER_HZ
    private TestMesh mesh;
    private Agent a;
    private final AtomicInteger goodFailures = new AtomicInteger();
    private final AtomicInteger goodRequests = new AtomicInteger();
    private volatile boolean probing = true;
    private Thread prober;

    @BeforeAll
    void start() throws Exception {
        String probeRoot = "mycelium-probe-" + ProcessHandle.current().pid();
        boolean cgroups = Cgroups.detect(probeRoot).isPresent();
        boolean ciAsRoot = "true".equals(System.getenv("CI")) && "root".equals(System.getProperty("user.name"));
        if (!cgroups && ciAsRoot) {
            throw new IllegalStateException("CI runs as root but /sys/fs/cgroup offers no writable cgroup v2 or v1 cpu, memory and pids "
                    + "hierarchies: the containment tests must run in CI; give the CI machine cgroups");
        }
        assumeTrue(cgroups, "no writable cgroups here (not root, or neither a cgroup v2 hierarchy nor v1 cpu, memory and pids at "
                + "/sys/fs/cgroup): the agent would only account, not contain");
        mesh = new TestMesh();
        a = mesh.start(mesh.config("agent-a", 0));
        await().atMost(Duration.ofSeconds(30)).until(() -> a.ready());
        assertThat(a.enforcement()).contains("cgroup");
        PackedSpore greeter = mesh.greeter(m -> m);
        a.library().repo().put(greeter.path());
        assertThat(mesh.apply(a, Plan.of("good", greeter.digest(), 1).withNutrients(100, 32)).accepted()).isTrue();
        await().atMost(Duration.ofSeconds(60)).until(() -> a.fabric().view().readyEndpoints("good").size() == 1);
        EndpointRecord good = a.fabric().view().readyEndpoints("good").get(0);
        String url = "http://" + good.host() + ":" + good.port() + "/hello";
        prober = Thread.ofPlatform().name("containment-prober").start(() -> {
            while (probing) {
                goodRequests.incrementAndGet();
                if (mesh.get(url) != 200) {
                    goodFailures.incrementAndGet();
                }
                try {
                    Thread.sleep(100); // the request rate of the probe, not a wait for a condition
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
    }

    @AfterAll
    void stop() throws Exception {
        if (mesh == null) {
            return;
        }
        probing = false;
        prober.join(5_000);
        try {
            assertThat(goodRequests.get()).isGreaterThan(20);
            assertThat(goodFailures.get()).as("the healthy app's failed requests of %d while the others misbehaved", goodRequests.get()).isZero();
            assertThat(mesh.get(a.apiUrl() + "/health/ready")).as("the agent itself").isEqualTo(200);
        } finally {
            mesh.close();
        }
    }

    @Test
    void aForkedMemoryBombIsKilledAtItsLimitAndReportedAsOutOfMemory() throws Exception {
        // three children, each growing by 8 MiB every 50 ms, far past the plan's 64 MiB together
        String bomb = "for i in 1 2 3; do /usr/bin/python3 -c 'import time\nb = []\nwhile True:\n    b.append(bytearray(8 << 20))\n"
                + "    time.sleep(0.05)' & done\nwait";
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/python3")), "python3 is not at /usr/bin/python3");
        PackedSpore spore = mesh.script("bomb", bomb, TestMesh.noCheck(200), mesh.publisher);
        a.library().repo().put(spore.path());
        Set<String> messages = ConcurrentHashMap.newKeySet();
        Consumer<FabricChange> watch = change -> {
            if (change.record() != null && change.record().key().kind() == RecordKind.INSTANCE) {
                change.record().value(InstanceRecord.class).filter(i -> i.app().equals("bomb")).ifPresent(i -> messages.add(i.message()));
            }
        };
        a.fabric().addListener(watch);
        try {
            mesh.apply(a, Plan.of("bomb", spore.digest(), 1).withNutrients(100, 64));
            await().atMost(Duration.ofSeconds(60)).until(() -> messages.stream().anyMatch(m -> m.startsWith("out of memory")));
        } finally {
            a.fabric().removeListener(watch);
        }
        String oom = messages.stream().filter(m -> m.startsWith("out of memory")).findFirst().orElseThrow();
        System.out.println("memory bomb under memory_mb=64: " + oom);
        assertThat(oom).startsWith("out of memory: the kernel killed ").contains("at the cgroup's limit of 64 MiB")
                .contains("raise the plan's memory_mb");
        mesh.apply(a, Plan.of("bomb", spore.digest(), 0).withNutrients(100, 64));
        await().atMost(Duration.ofSeconds(30)).until(() -> instanceOf(a, "bomb").isEmpty());
    }

    @Test
    void aWorkloadSpinningOnEveryCoreIsHeldToItsCpuQuota() throws Exception {
        int cores = Runtime.getRuntime().availableProcessors();
        String spin = "for i in $(seq " + cores + "); do (while :; do :; done) & done\nwait";
        PackedSpore spore = mesh.script("spin", spin, TestMesh.noCheck(200), mesh.publisher);
        a.library().repo().put(spore.path());
        mesh.apply(a, Plan.of("spin", spore.digest(), 1).withNutrients(200, 32));
        await().atMost(Duration.ofSeconds(60)).until(() -> instanceOf(a, "spin").filter(i -> i.state() == InstanceState.READY).isPresent());
        String id = instanceOf(a, "spin").orElseThrow().instanceId();
        Cgroup group = Cgroups.detect(mesh.cgroupRoot).flatMap(c -> c.find(id)).orElseThrow();
        await().atMost(Duration.ofSeconds(20)).until(() -> group.pids().size() >= cores + 1);
        // Ready lowers the startup allowance (one CPU) to the plan's 200 m: measure once the kernel holds that quota
        await().atMost(Duration.ofSeconds(20)).until(() -> quotaIsTwoHundredMilli(mesh.cgroupRoot, id));
        long cpu0 = cpuMillis(group.pids());
        long wall0 = System.nanoTime();
        long window = Duration.ofSeconds(5).toNanos();
        // the measurement window: CPU is sampled again once 5 s of wall time have passed
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50)).until(() -> System.nanoTime() - wall0 >= window);
        long cpu1 = cpuMillis(group.pids());
        double wallMs = (System.nanoTime() - wall0) / 1e6;
        double share = (cpu1 - cpu0) / wallMs;
        System.out.printf(java.util.Locale.ROOT, "spin on %d cores under cpu_milli=200: %.3f of a core over %.0f ms (%d ms of CPU)%n",
                cores, share, wallMs, cpu1 - cpu0);
        assertThat(share).as("CPU share of a workload spinning on %d cores, quota 200 milli", cores).isLessThanOrEqualTo(0.26);
        assertThat(share).as("it did run").isGreaterThan(0.02);
        mesh.apply(a, Plan.of("spin", spore.digest(), 0).withNutrients(200, 32));
        await().atMost(Duration.ofSeconds(30)).until(() -> instanceOf(a, "spin").isEmpty());
    }

    /** Whether the instance's cgroup has the 200 milli-CPU quota (v1 cpu.cfs_quota_us 20000 per 100000, v2 cpu.max "20000 100000"). */
    private static boolean quotaIsTwoHundredMilli(String root, String id) throws IOException {
        Path v1 = Path.of("/sys/fs/cgroup/cpu", root, id, "cpu.cfs_quota_us");
        Path v2 = Path.of("/sys/fs/cgroup", root, id, "cpu.max");
        if (Files.exists(v1)) {
            return Files.readString(v1).strip().equals("20000");
        }
        return Files.exists(v2) && Files.readString(v2).strip().startsWith("20000 ");
    }

    /** User + system CPU of these processes so far, from /proc/PID/stat (fields 14 and 15), in ms. */
    private static long cpuMillis(Set<Long> pids) {
        long ticks = 0;
        for (long pid : pids) {
            try {
                String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
                String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                ticks += Long.parseLong(f[11]) + Long.parseLong(f[12]);
            } catch (IOException e) {
                // gone meanwhile: its time is lost to both readings alike
            }
        }
        return ticks * 1000 / TICKS_PER_SECOND;
    }
}
