package io.mycelium.agent.instance;

import io.mycelium.fabric.model.InstanceState;
import io.mycelium.agent.cgroup.CgroupV1;
import io.mycelium.agent.cgroup.ResourceLimits;
import io.mycelium.agent.driver.LaunchSpec;
import io.mycelium.agent.driver.LocalProcessDriver;
import io.mycelium.agent.driver.Workloads;
import io.mycelium.agent.health.HealthCheck;
import io.mycelium.spore.time.Clock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The supervisor on a driver with real cgroup v1 limits; the test's cgroup root is removed afterwards. */
class SupervisorCgroupTest {
    private static final Path MOUNT = Path.of("/sys/fs/cgroup");

    @TempDir
    Path temp;
    Workloads workloads;
    Supervisor supervisor;
    final String root = "mycelium-test-" + UUID.randomUUID().toString().substring(0, 8);
    final List<InstanceTransition> events = new CopyOnWriteArrayList<>();

    @BeforeEach
    void setUp() {
        assumeTrue(CgroupV1.available(MOUNT), "no writable cgroup v1 cpu, memory and pids hierarchies here (not root, or a v2-only host)");
        workloads = new Workloads(temp);
        LocalProcessDriver driver = new LocalProcessDriver(new LocalProcessDriver.Options(Workloads.user(),
                Optional.of(new CgroupV1(MOUNT, root)), "127.0.0.1"));
        supervisor = new Supervisor(driver, new InstanceStore(temp.resolve("agent-data")), Clock.SYSTEM,
                RandomGenerator.of("L64X128MixRandom"), SupervisorFixture.config(), t -> {
                    events.add(t);
                    workloads.track(t.status().pid());
                });
    }

    @AfterEach
    void tearDown() throws Exception {
        if (supervisor != null) {
            supervisor.stopAll().get(30, TimeUnit.SECONDS);
            supervisor.close();
            workloads.close();
        }
        for (String c : List.of("cpu", "memory", "pids")) {
            Path dir = MOUNT.resolve(c).resolve(root);
            if (Files.isDirectory(dir)) {
                try (var children = Files.list(dir)) {
                    for (Path child : children.filter(Files::isDirectory).toList()) {
                        Files.delete(child);
                    }
                }
                Files.delete(dir);
            }
        }
    }

    private InstanceSpec spec(String id, String script, ResourceLimits limits) {
        LaunchSpec launch = workloads.spec(id, script, 0, limits);
        return new InstanceSpec(launch, SupervisorFixture.health(HealthCheck.none(), Duration.ofMillis(100)),
                new RestartPolicy(Duration.ofSeconds(5), Duration.ofSeconds(5), 1, 0, 3, Duration.ofMinutes(1)), Duration.ofSeconds(1));
    }

    @Test
    void stoppingAnInstanceRemovesItsCgroup() throws Exception {
        InstanceSpec spec = spec("cgs-1", "forker.sh", new ResourceLimits(200, 64));
        supervisor.start(spec);
        await().atMost(Duration.ofSeconds(20)).until(() -> supervisor.status("cgs-1").orElseThrow().state() == InstanceState.READY);
        Workloads.awaitStarted(spec.launch());
        Path pids = MOUNT.resolve("pids").resolve(root).resolve("cgs-1");
        assertThat(Files.readAllLines(pids.resolve("cgroup.procs"))).hasSizeGreaterThanOrEqualTo(4);

        supervisor.stop("cgs-1").get(10, TimeUnit.SECONDS);

        assertThat(pids).doesNotExist();
        assertThat(MOUNT.resolve("memory").resolve(root).resolve("cgs-1")).doesNotExist();
    }

    @Test
    void anInstanceStartsWithOneCpuAndRunsAtItsOwnLimitOnceReady() throws Exception {
        LaunchSpec launch = workloads.spec("boost-1", "forker.sh", 0, new ResourceLimits(200, 64));
        InstanceSpec spec = new InstanceSpec(launch, SupervisorFixture.health(HealthCheck.none(), Duration.ofSeconds(3)),
                new RestartPolicy(Duration.ofSeconds(5), Duration.ofSeconds(5), 1, 0, 3, Duration.ofMinutes(1)), Duration.ofSeconds(1));
        Path quota = MOUNT.resolve("cpu").resolve(root).resolve("boost-1").resolve("cpu.cfs_quota_us");
        supervisor.start(spec);
        await().atMost(Duration.ofSeconds(20)).until(() -> Files.exists(quota)
                && supervisor.status("boost-1").orElseThrow().state() == InstanceState.LAUNCHING);
        assertThat(Files.readString(quota).strip()).isEqualTo("100000");

        await().atMost(Duration.ofSeconds(20)).until(() -> supervisor.status("boost-1").orElseThrow().state() == InstanceState.READY);
        assertThat(Files.readString(quota).strip()).isEqualTo("20000");
    }

    @Test
    void aWorkloadOverItsMemoryLimitIsKilledAndTheCrashSaysOutOfMemory() {
        assumeTrue(Workloads.hasPython(), "python3 is not at /usr/bin/python3");
        supervisor.start(spec("hog-1", "memhog.sh", new ResourceLimits(0, 64)));
        await().atMost(Duration.ofSeconds(20)).until(() -> events.stream().anyMatch(e -> e.to() == InstanceState.FAILED));
        assertThat(events.stream().filter(e -> e.to() == InstanceState.FAILED).findFirst().orElseThrow().status().message())
                .startsWith("out of memory: the kernel killed 1 process(es) at the cgroup's limit of 64 MiB (exited with code 137 (signal 9))")
                .contains("raise the plan's memory_mb");
    }
}
