package io.mycelium.agent.cgroup;

import io.mycelium.agent.driver.LaunchSpec;
import io.mycelium.agent.driver.LocalProcessDriver;
import io.mycelium.agent.driver.RunningProcess;
import io.mycelium.agent.driver.Signal;
import io.mycelium.agent.driver.Workloads;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Real cgroups on this host, under a root group named for this test run and removed afterwards. */
class CgroupTest {
    private static final Path MOUNT = Path.of("/sys/fs/cgroup");
    private static final Path UNIFIED = MOUNT.resolve("unified");

    @TempDir
    Path temp;
    Workloads workloads;
    final String root = "mycelium-test-" + UUID.randomUUID().toString().substring(0, 8);

    @BeforeEach
    void setUp() {
        workloads = new Workloads(temp);
    }

    @AfterEach
    void tearDown() throws IOException {
        workloads.close();
        for (Path dir : List.of(MOUNT.resolve("cpu").resolve(root), MOUNT.resolve("memory").resolve(root),
                MOUNT.resolve("pids").resolve(root), UNIFIED.resolve(root), MOUNT.resolve(root))) {
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

    @Test
    void v1PutsTheWholeTreeInTheCgroupWithLimitsAndRemovesIt() throws Exception {
        assumeTrue(CgroupV1.available(MOUNT), "no writable cgroup v1 cpu, memory and pids hierarchies here (not root, or a v2-only host)");
        CgroupV1 cgroups = new CgroupV1(MOUNT, root);
        LocalProcessDriver driver = new LocalProcessDriver(new LocalProcessDriver.Options(Workloads.user(), Optional.of(cgroups), "127.0.0.1"));
        LaunchSpec spec = workloads.spec("cg-1", "forker.sh", 0, new ResourceLimits(500, 64));

        RunningProcess p = workloads.track(driver.launch(spec));
        Workloads.awaitStarted(spec);

        Path cpu = MOUNT.resolve("cpu").resolve(root).resolve("cg-1");
        Path memory = MOUNT.resolve("memory").resolve(root).resolve("cg-1");
        // launched with the startup allowance (one CPU), then brought down to its own limit
        assertThat(Files.readString(cpu.resolve("cpu.cfs_quota_us")).strip()).isEqualTo("100000");
        assertThat(Files.readString(cpu.resolve("cpu.cfs_period_us")).strip()).isEqualTo("100000");
        p.limitCpu(500);
        assertThat(Files.readString(cpu.resolve("cpu.cfs_quota_us")).strip()).isEqualTo("50000");
        p.limitCpu(0);
        assertThat(Files.readString(cpu.resolve("cpu.cfs_quota_us")).strip()).isEqualTo("-1");
        assertThat(Files.readString(memory.resolve("memory.limit_in_bytes")).strip()).isEqualTo(Long.toString(64L << 20));
        Cgroup group = cgroups.find("cg-1").orElseThrow();
        assertThat(group.pids()).contains(p.ref().pid()).containsAll(Workloads.recordedPids(spec));
        assertThat(p.ref().cgroup()).contains("cg-1");

        p.signalGroup(Signal.KILL);
        await().atMost(Duration.ofSeconds(10)).until(() -> !p.groupAlive());
        p.release();
        assertThat(cpu).doesNotExist();
        assertThat(memory).doesNotExist();
        assertThat(cgroups.find("cg-1")).isEmpty();
    }

    @Test
    void v1KillAllEndsProcessesThatLeftTheProcessGroup() throws Exception {
        assumeTrue(CgroupV1.available(MOUNT), "no writable cgroup v1 hierarchies here");
        CgroupV1 cgroups = new CgroupV1(MOUNT, root);
        Cgroup group = cgroups.create("escape-1", ResourceLimits.NONE);
        // A process in its own session (as a workload that calls setsid would be) but inside the cgroup.
        Process escaped = new ProcessBuilder("setsid", "/bin/sh", "-c",
                "for f in \"$@\"; do echo $$ > \"$f\"; done; exec sleep 300", "join",
                group.procsFiles().get(0).toString(), group.procsFiles().get(1).toString(), group.procsFiles().get(2).toString()).start();
        try {
            await().atMost(Duration.ofSeconds(10)).until(() -> group.pids().contains(escaped.pid()));
            group.killAll();
            await().atMost(Duration.ofSeconds(10)).until(() -> !escaped.isAlive() && group.pids().isEmpty());
            group.remove();
            assertThat(cgroups.find("escape-1")).isEmpty();
        } finally {
            escaped.destroyForcibly();
        }
    }

    @Test
    void v2TracksAndKillsMembersAndRefusesLimitsItCannotEnforce() throws Exception {
        assumeTrue(CgroupV2.available(UNIFIED) || CgroupV2.available(MOUNT), "no writable cgroup v2 hierarchy here");
        Path mount = CgroupV2.available(MOUNT) ? MOUNT : UNIFIED;
        CgroupV2 cgroups = new CgroupV2(mount, root);
        LocalProcessDriver driver = new LocalProcessDriver(new LocalProcessDriver.Options(Workloads.user(), Optional.of(cgroups), "127.0.0.1"));
        LaunchSpec spec = workloads.spec("cg2-1", "forker.sh", 0);

        RunningProcess p = workloads.track(driver.launch(spec));
        Workloads.awaitStarted(spec);
        Cgroup group = cgroups.find("cg2-1").orElseThrow();
        assertThat(group.pids()).contains(p.ref().pid()).containsAll(Workloads.recordedPids(spec));

        group.killAll();
        await().atMost(Duration.ofSeconds(10)).until(() -> !p.groupAlive());
        p.release();
        assertThat(cgroups.find("cg2-1")).isEmpty();

        String offered = Files.readString(mount.resolve("cgroup.controllers"));
        if (!offered.contains("memory")) {
            assertThatThrownBy(() -> cgroups.create("cg2-2", new ResourceLimits(0, 32)))
                    .hasMessageContaining("does not offer the memory controller");
        } else {
            Cgroup limited = cgroups.create("cg2-2", new ResourceLimits(0, 32));
            assertThat(Files.readString(mount.resolve(root).resolve("cg2-2").resolve("memory.max")).strip())
                    .isEqualTo(Long.toString(32L << 20));
            limited.remove();
        }
    }

    @Test
    void detectPrefersV2ThenV1AndOffersNothingOtherwise(@TempDir Path fake) throws IOException {
        assertThat(Cgroups.detect(fake, "m")).isEmpty();
        for (String c : List.of("cpu", "memory", "pids")) {
            Files.createDirectories(fake.resolve(c));
            Files.writeString(fake.resolve(c).resolve("cgroup.procs"), "");
        }
        assertThat(Cgroups.detect(fake, "m").orElseThrow().version()).isEqualTo("v1");
        Files.writeString(fake.resolve("cgroup.controllers"), "cpu memory pids\n");
        assertThat(Cgroups.detect(fake, "m").orElseThrow().version()).isEqualTo("v2");
    }
}
