package io.mycelium.agent.instance;

import io.mycelium.fabric.model.InstanceState;
import io.mycelium.agent.driver.LaunchSpec;
import io.mycelium.agent.driver.ProcStat;
import io.mycelium.agent.driver.Workloads;
import io.mycelium.agent.health.HealthCheck;
import io.mycelium.testing.Ports;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static io.mycelium.fabric.model.InstanceState.CRASH_LOOP;
import static io.mycelium.fabric.model.InstanceState.DRAINING;
import static io.mycelium.fabric.model.InstanceState.FAILED;
import static io.mycelium.fabric.model.InstanceState.LAUNCHING;
import static io.mycelium.fabric.model.InstanceState.READY;
import static io.mycelium.fabric.model.InstanceState.STOPPED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class SupervisorTest {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final HealthCheck HTTP = HealthCheck.http("/health", 200);

    @TempDir
    Path temp;
    SupervisorFixture fx;

    @BeforeEach
    void setUp() {
        fx = new SupervisorFixture(temp);
    }

    @AfterEach
    void tearDown() throws Exception {
        fx.close();
    }

    /** Waits for the state and for its event: listeners are told on their own thread, a moment later. */
    private InstanceStatus awaitState(Supervisor s, String id, InstanceState state) {
        await().atMost(WAIT).until(() -> s.status(id).map(InstanceStatus::state).orElse(null) == state
                && fx.states(id).contains(state));
        return s.status(id).orElseThrow();
    }

    private static void assumePython() {
        assumeTrue(Workloads.hasPython(), "python3 is not at /usr/bin/python3; the http and tcp workloads need it");
    }

    @Test
    void anHttpWorkloadIsReadyOnlyOnceHealthyAndStopsThroughDraining() throws Exception {
        assumePython();
        Supervisor s = fx.supervisor();
        int port = Ports.free();
        s.start(fx.spec("web-1", "http-server.py", port, HTTP, Duration.ofSeconds(5), Duration.ofSeconds(2)));

        InstanceStatus ready = awaitState(s, "web-1", READY);
        assertThat(ready.message()).startsWith("healthy (http 200)").endsWith("ms after launch");
        assertThat(ready.pid()).isPositive();
        try (InputStream in = URI.create("http://127.0.0.1:" + port + "/").toURL().openStream()) {
            assertThat(new String(in.readAllBytes())).isEqualTo("ok\n");
        }
        assertThat(new InstanceStore(fx.dataDir).load()).singleElement()
                .satisfies(p -> assertThat(p.process().orElseThrow().pid()).isEqualTo(ready.pid()));

        InstanceStatus stopped = s.stop("web-1").get(10, TimeUnit.SECONDS);
        assertThat(stopped.state()).isEqualTo(STOPPED);
        assertThat(stopped.message()).matches("pid \\d+ exited \\d+ ms after TERM");
        await().atMost(WAIT).until(() -> fx.states("web-1").contains(STOPPED));
        assertThat(fx.states("web-1")).containsExactly(LAUNCHING, READY, DRAINING, STOPPED);
        assertThat(fx.events.get(0).from()).isEqualTo(InstanceState.IDLE);
        assertThat(Workloads.running(ready.pid())).isFalse();
        assertThat(new InstanceStore(fx.dataDir).load()).isEmpty();
    }

    @Test
    void aTcpCheckPassesOnceTheWorkloadAcceptsConnections() {
        assumePython();
        Supervisor s = fx.supervisor();
        s.start(fx.spec("tcp-1", "tcp-server.py", Ports.free(), HealthCheck.tcp(), Duration.ofSeconds(5), Duration.ofSeconds(2)));
        assertThat(awaitState(s, "tcp-1", READY).message()).startsWith("healthy (tcp connect ok)");
    }

    @Test
    void withoutACheckAWorkloadIsReadyAfterItsStartPeriod() {
        Supervisor s = fx.supervisor();
        s.start(fx.spec("plain-1", "sleeper.sh", 0, HealthCheck.none(), Duration.ofMillis(200), Duration.ofSeconds(1)));
        InstanceStatus ready = awaitState(s, "plain-1", READY);
        assertThat(Duration.between(fx.events.get(0).status().since(), ready.since())).isGreaterThanOrEqualTo(Duration.ofMillis(150));
    }

    @Test
    void aBinaryThatExitsAtOnceIsRestartedWithBackoffAndReportedAsACrashLoop() {
        Supervisor s = fx.supervisor();
        s.start(fx.spec("crash-1", "exit-at-once.sh", 0, HealthCheck.none(), Duration.ofSeconds(1), Duration.ofSeconds(1)));

        InstanceStatus loop = awaitState(s, "crash-1", CRASH_LOOP);
        assertThat(loop.message()).startsWith("crash loop: 3 failures within 60 s; last: exited with code 3; "
                + "stderr: fatal: config file app.toml not found; restart in ");
        assertThat(loop.pid()).isZero();
        assertThat(fx.states("crash-1")).startsWith(LAUNCHING, FAILED, LAUNCHING, FAILED, LAUNCHING, CRASH_LOOP);
        assertThat(fx.events.stream().filter(e -> e.to() == FAILED).findFirst().orElseThrow().status().message())
                .matches("exited with code 3; stderr: fatal: config file app.toml not found; restart in \\d+ ms");
        // It keeps trying, at growing intervals.
        await().atMost(WAIT).until(() -> fx.driver.launches.get() >= 5);
        assertThat(s.status("crash-1").orElseThrow().restarts()).isGreaterThanOrEqualTo(4);
    }

    @Test
    void aWorkloadThatNeverBecomesHealthyFailsWithTheReasonAndIsRestarted() {
        Supervisor s = fx.supervisor();
        int port = Ports.free();
        s.start(fx.spec("mute-1", "sleeper.sh", port, HTTP, Duration.ofMillis(300), Duration.ofSeconds(1)));

        await().atMost(WAIT).until(() -> fx.states("mute-1").contains(FAILED));
        InstanceTransition failed = fx.events.stream().filter(e -> e.to() == FAILED).findFirst().orElseThrow();
        assertThat(failed.from()).isEqualTo(LAUNCHING);
        assertThat(failed.status().message()).matches("never became healthy: http /health -> 200 failed 2 times after "
                + "the 300 ms start period, last: connection refused; restart in \\d+ ms");
        long firstPid = fx.driver.launched.get(0).pid();
        assertThat(firstPid).isPositive();
        await().atMost(WAIT).until(() -> fx.driver.launches.get() >= 2);
        await().atMost(WAIT).until(() -> !Workloads.running(firstPid));
        assertThat(fx.states("mute-1")).doesNotContain(READY);
    }

    @Test
    void aRestartOnRequestRelaunchesTheSameInstanceInPlaceWithoutAFailure() {
        Supervisor s = fx.supervisor();
        s.start(fx.spec("again-1", "sleeper.sh", 0, HealthCheck.none(), Duration.ofMillis(200), Duration.ofSeconds(1)));
        long firstPid = awaitState(s, "again-1", READY).pid();

        InstanceStatus asked = s.restart("again-1", "by operator key abc");
        assertThat(asked.state()).isEqualTo(LAUNCHING);
        assertThat(asked.message()).startsWith("restarting on request (by operator key abc): TERM to group");
        await().atMost(WAIT).until(() -> s.status("again-1").map(st -> st.state() == READY && st.pid() != firstPid).orElse(false));
        assertThat(Workloads.running(firstPid)).isFalse();
        assertThat(s.status("again-1").orElseThrow().restarts()).isEqualTo(1);
        assertThat(fx.states("again-1")).doesNotContain(FAILED, CRASH_LOOP, DRAINING);
        assertThatThrownBy(() -> s.restart("nope", "x")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no instance nope");
    }

    @Test
    void aFailedLivenessCheckRestartsAReadyInstance() throws Exception {
        assumePython();
        Supervisor s = fx.supervisor();
        InstanceSpec spec = fx.spec("live-1", "http-server.py", Ports.free(), HTTP, Duration.ofSeconds(5), Duration.ofSeconds(2));
        s.start(spec);
        long firstPid = awaitState(s, "live-1", READY).pid();

        Files.writeString(spec.launch().dataDir().resolve("unhealthy"), "");
        await().atMost(WAIT).until(() -> fx.states("live-1").contains(FAILED));
        InstanceTransition failed = fx.events.stream().filter(e -> e.to() == FAILED).findFirst().orElseThrow();
        assertThat(failed.from()).isEqualTo(READY);
        assertThat(failed.status().message()).startsWith("liveness failed: http /health -> 200 failed 2 times in a row, "
                + "last: http /health returned 500, expected 200; restart in ");
        Files.delete(spec.launch().dataDir().resolve("unhealthy"));

        await().atMost(WAIT).until(() -> s.status("live-1").map(st -> st.state() == READY && st.pid() != firstPid).orElse(false));
        assertThat(Workloads.running(firstPid)).isFalse();
        assertThat(s.status("live-1").orElseThrow().restarts()).isEqualTo(1);
    }

    @Test
    void stoppingAWorkloadThatIgnoresTermKillsItsWholeTreeAfterTheGracePeriod() throws Exception {
        Supervisor s = fx.supervisor();
        InstanceSpec spec = fx.spec("stubborn-1", "ignore-term.sh", 0, HealthCheck.none(), Duration.ZERO, Duration.ofMillis(300));
        s.start(spec);
        awaitState(s, "stubborn-1", READY);
        Workloads.awaitStarted(spec.launch());
        List<Long> pids = Workloads.recordedPids(spec.launch());

        long start = System.nanoTime();
        InstanceStatus stopped = s.stop("stubborn-1").get(10, TimeUnit.SECONDS);
        long ms = (System.nanoTime() - start) / 1_000_000;

        assertThat(stopped.message()).endsWith("did not exit within 300 ms of TERM; killed");
        assertThat(ms).isGreaterThanOrEqualTo(300);
        assertThat(pids).hasSize(2).noneMatch(Workloads::running);
    }

    @Test
    void stoppingLeavesNoOrphanOfAWorkloadThatForks() throws Exception {
        Supervisor s = fx.supervisor();
        InstanceSpec spec = fx.spec("forky-1", "forker.sh", 0, HealthCheck.none(), Duration.ZERO, Duration.ofSeconds(2));
        s.start(spec);
        awaitState(s, "forky-1", READY);
        Workloads.awaitStarted(spec.launch());
        List<Long> pids = Workloads.recordedPids(spec.launch());
        assertThat(pids).hasSize(4).allMatch(Workloads::running);

        assertThat(s.stop("forky-1").get(10, TimeUnit.SECONDS).message()).contains("after TERM");
        assertThat(pids).noneMatch(Workloads::running);
    }

    @Test
    void aPortInUseIsReportedAndTheInstanceStartsOnceItIsFree() throws Exception {
        Supervisor s = fx.supervisor();
        ServerSocket squatter = new ServerSocket();
        squatter.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        int port = squatter.getLocalPort();
        try {
            s.start(fx.spec("port-1", "sleeper.sh", port, HealthCheck.none(), Duration.ZERO, Duration.ofSeconds(1)));
            await().atMost(WAIT).until(() -> fx.states("port-1").contains(FAILED));
            assertThat(fx.events.stream().filter(e -> e.to() == FAILED).findFirst().orElseThrow().status().message())
                    .startsWith("port " + port + " on 127.0.0.1 is in use by another process; stop it or give the instance another port");
            assertThat(fx.driver.launches.get()).as("never launched onto a taken port").isZero();
        } finally {
            squatter.close();
        }
        awaitState(s, "port-1", READY);
        assertThat(fx.driver.launches.get()).isEqualTo(1);
    }

    @Test
    void aMissingExecutableFailsForGoodWithAClearMessage() {
        Supervisor s = fx.supervisor();
        LaunchSpec launch = new LaunchSpec("ghost-1", "ghost", "node-a", temp.resolve("bin/ghost"), List.of(), Map.of(), 0,
                temp.resolve("run/ghost-1"), io.mycelium.agent.cgroup.ResourceLimits.NONE, temp.resolve("bin"));
        s.start(new InstanceSpec(launch, SupervisorFixture.health(HealthCheck.none(), Duration.ZERO),
                SupervisorFixture.fastRestarts(), Duration.ofSeconds(1)));

        InstanceStatus failed = awaitState(s, "ghost-1", FAILED);
        assertThat(failed.message()).isEqualTo("instance ghost-1: executable " + temp.resolve("bin/ghost")
                + " does not exist; check the spore's manifest entry point");
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2))
                .until(() -> s.status("ghost-1").orElseThrow().state() == FAILED && fx.driver.launches.get() == 1);
        assertThat(fx.states("ghost-1")).containsExactly(LAUNCHING, FAILED);
    }

    @Test
    void refusesASecondInstanceWithTheSameIdUntilTheFirstIsStopped() throws Exception {
        Supervisor s = fx.supervisor();
        InstanceSpec spec = fx.spec("dup-1", "sleeper.sh", 0, HealthCheck.none(), Duration.ZERO, Duration.ofSeconds(1));
        s.start(spec);
        assertThatThrownBy(() -> s.start(spec)).hasMessageStartingWith("instance dup-1 is already supervised");
        assertThat(s.forget("dup-1")).as("only stopped instances are forgotten").isFalse();
        s.stop("dup-1").get(10, TimeUnit.SECONDS);
        s.start(spec);
        awaitState(s, "dup-1", READY);
        s.stop("dup-1").get(10, TimeUnit.SECONDS);
        assertThat(s.forget("dup-1")).isTrue();
        assertThat(s.instances()).isEmpty();
        assertThat(s.forget("dup-1")).isFalse();
        assertThat(s.stop("nope").isCompletedExceptionally()).isTrue();
    }

    @Test
    void logsAreRotatedBySizeWhileTheWorkloadWrites() throws Exception {
        Supervisor s = fx.supervisor();
        InstanceSpec spec = fx.spec("chatty-1", "chatty.sh", 0, HealthCheck.none(), Duration.ZERO, Duration.ofSeconds(1));
        s.start(spec);
        Path log = spec.launch().stdoutLog();
        await().atMost(WAIT).until(() -> Files.exists(log));
        var follower = io.mycelium.agent.logs.LogFollower.fromStart(log);
        List<String> followed = new java.util.ArrayList<>();
        await().atMost(WAIT).pollInterval(Duration.ofMillis(10)).until(() -> {
            followed.addAll(follower.poll());
            return Files.exists(io.mycelium.agent.logs.LogRotator.numbered(log, 2));
        });
        assertThat(io.mycelium.agent.logs.LogRotator.numbered(log, 3)).doesNotExist();
        assertThat(Files.size(io.mycelium.agent.logs.LogRotator.numbered(log, 1))).isGreaterThan(4096);
        // Following across rotations: lines in order, none twice (copy-truncate may drop a few).
        List<Integer> numbers = followed.stream().map(l -> Integer.parseInt(l.substring(5))).toList();
        assertThat(numbers).hasSizeGreaterThan(400).isSorted().doesNotHaveDuplicates();
        s.stop("chatty-1").get(10, TimeUnit.SECONDS);
    }

    @Test
    void unknownPidRecordsAreNotAdoptedAndTheirProcessIsLeftAlone() throws Exception {
        Process outsider = new ProcessBuilder("sleep", "300").start();
        try {
            long ticks = ProcStat.read(outsider.pid()).orElseThrow().startTicks();
            InstanceSpec spec = fx.spec("reuse-1", "sleeper.sh", 0, HealthCheck.none(), Duration.ZERO, Duration.ofSeconds(1));
            new InstanceStore(fx.dataDir).save(List.of(new PersistedInstance(spec,
                    java.util.Optional.of(new io.mycelium.agent.driver.ProcessRef(outsider.pid(), outsider.pid(), ticks + 5,
                            java.util.Optional.empty())), 0)));

            Supervisor s = fx.supervisor();
            s.recover();
            InstanceStatus ready = awaitState(s, "reuse-1", READY);
            assertThat(ready.pid()).isNotEqualTo(outsider.pid());
            assertThat(fx.events.get(0).status().message()).startsWith("launching: pid " + outsider.pid() + " was gone");
            assertThat(outsider.isAlive()).isTrue();
        } finally {
            outsider.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void drainingKeepsTheProcessRunningForTheDrainTimeBeforeTerm() throws Exception {
        Supervisor s = fx.supervisor();
        s.start(fx.spec("drain-1", "sleeper.sh", 0, HealthCheck.none(), Duration.ZERO, Duration.ofSeconds(1)));
        long pid = awaitState(s, "drain-1", READY).pid();

        long start = System.nanoTime();
        var stopping = s.stop("drain-1", Duration.ofMillis(400));
        await().atMost(WAIT).until(() -> fx.states("drain-1").contains(DRAINING));
        assertThat(s.status("drain-1").orElseThrow().message()).startsWith("draining for 400 ms, then TERM to group " + pid);
        assertThat(Workloads.running(pid)).as("still serving while draining").isTrue();
        InstanceStatus stopped = stopping.get(10, TimeUnit.SECONDS);
        assertThat((System.nanoTime() - start) / 1_000_000).isGreaterThanOrEqualTo(400);
        assertThat(stopped.message()).contains("after TERM");
        assertThat(Workloads.running(pid)).isFalse();
    }

    @Test
    void anExecutableTheWorkloadUserCannotReachIsACrashWithTheReason() throws Exception {
        assumeTrue(io.mycelium.agent.driver.WorkloadUser.currentUid() == 0,
                "the tests do not run as root, so there is no workload user to lock out");
        Path hidden = Files.createDirectories(temp.resolve("private"));
        Files.setPosixFilePermissions(hidden, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
        Path exe = Files.copy(fx.workloads.script("sleeper.sh"), hidden.resolve("sleeper.sh"));
        LaunchSpec launch = new LaunchSpec("locked-1", "locked", "node-a", exe, List.of(), Map.of(), 0,
                temp.resolve("run/locked-1"), io.mycelium.agent.cgroup.ResourceLimits.NONE, exe.getParent());
        Supervisor s = fx.supervisor();
        s.start(new InstanceSpec(launch, SupervisorFixture.health(HealthCheck.none(), Duration.ofMillis(200)),
                SupervisorFixture.fastRestarts(), Duration.ofSeconds(1)));

        await().atMost(WAIT).until(() -> fx.states("locked-1").contains(FAILED));
        assertThat(fx.events.stream().filter(e -> e.to() == FAILED).findFirst().orElseThrow().status().message())
                .matches("exited with code 126; stderr: .*" + java.util.regex.Pattern.quote(exe.toString()) + ".*Permission denied; restart in \\d+ ms");
    }
}
