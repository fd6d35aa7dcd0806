package io.mycelium.agent.instance;

import io.mycelium.fabric.model.InstanceState;
import io.mycelium.agent.driver.ProcStat;
import io.mycelium.agent.driver.ProcessGroups;
import io.mycelium.agent.driver.Signal;
import io.mycelium.agent.driver.Workloads;
import io.mycelium.agent.health.HealthCheck;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static io.mycelium.fabric.model.InstanceState.FAILED;
import static io.mycelium.fabric.model.InstanceState.LAUNCHING;
import static io.mycelium.fabric.model.InstanceState.READY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Agent restarts: graceful (close and a new supervisor) and kill -9 of a real agent JVM. */
class AdoptionTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

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

    private InstanceSpec sleeper(String id) {
        return fx.spec(id, "sleeper.sh", 0, HealthCheck.none(), Duration.ofMillis(100), Duration.ofSeconds(1));
    }

    /** Waits for the state and for its event: listeners are told on their own thread, a moment later. */
    private InstanceStatus awaitState(Supervisor s, String id, InstanceState state) {
        await().atMost(WAIT).until(() -> s.status(id).map(InstanceStatus::state).orElse(null) == state
                && fx.states(id).contains(state));
        return s.status(id).orElseThrow();
    }

    @Test
    void aNewSupervisorAdoptsRunningInstancesAndNeverStartsThemTwice() throws Exception {
        Supervisor first = fx.supervisor();
        first.start(sleeper("keep-1"));
        first.start(sleeper("keep-2"));
        long pid1 = awaitState(first, "keep-1", READY).pid();
        long pid2 = awaitState(first, "keep-2", READY).pid();
        first.close();
        assertThat(Workloads.running(pid1)).as("workloads outlive the agent").isTrue();
        int launches = fx.driver.launches.get();
        fx.events.clear();

        Supervisor second = fx.supervisor();
        List<InstanceStatus> recovered = second.recover();

        assertThat(recovered).extracting(InstanceStatus::instanceId).containsExactlyInAnyOrder("keep-1", "keep-2");
        assertThat(awaitState(second, "keep-1", READY).pid()).isEqualTo(pid1);
        assertThat(awaitState(second, "keep-2", READY).pid()).isEqualTo(pid2);
        assertThat(fx.driver.launches.get()).isEqualTo(launches);
        assertThat(fx.events).filteredOn(e -> e.to() == LAUNCHING).extracting(e -> e.status().message())
                .containsExactlyInAnyOrder("adopted pid " + pid1 + " from the previous agent",
                        "adopted pid " + pid2 + " from the previous agent");
        assertThat(second.status("keep-1").orElseThrow().message()).endsWith("ms after adoption");
    }

    @Test
    void stopLeftoversStopsWhatAPreviousAgentLeftAndStartsNothing() throws Exception {
        Supervisor first = fx.supervisor();
        first.start(sleeper("left-1"));
        first.start(sleeper("left-2"));
        long alive = awaitState(first, "left-1", READY).pid();
        long gone = awaitState(first, "left-2", READY).pid();
        first.close();
        ProcessGroups.signal(gone, Signal.KILL);
        await().atMost(WAIT).until(() -> ProcessGroups.members(gone).isEmpty());
        int launches = fx.driver.launches.get();

        Supervisor sweeper = fx.supervisor();
        int stopped = sweeper.stopLeftovers().get(30, TimeUnit.SECONDS);

        assertThat(stopped).as("only the process still running is adopted and stopped").isEqualTo(1);
        assertThat(Workloads.running(alive)).isFalse();
        assertThat(fx.driver.launches.get()).as("nothing is started again").isEqualTo(launches);
        sweeper.close();
        Supervisor next = fx.supervisor();
        assertThat(next.recover()).as("the store is empty after the sweep").isEmpty();
    }

    @Test
    void anAdoptedProcessThatDiesIsNoticedByPollingAndRestarted() throws Exception {
        Supervisor first = fx.supervisor();
        first.start(sleeper("poll-1"));
        long pid = awaitState(first, "poll-1", READY).pid();
        first.close();
        Supervisor second = fx.supervisor();
        second.recover();
        awaitState(second, "poll-1", READY);
        fx.events.clear();

        ProcessGroups.signal(pid, Signal.KILL);

        await().atMost(WAIT).until(() -> fx.states("poll-1").contains(FAILED));
        assertThat(fx.events.stream().filter(e -> e.to() == FAILED).findFirst().orElseThrow().status().message())
                .startsWith("exited (code unknown, not our child); restart in ");
        await().atMost(WAIT).until(() -> second.status("poll-1").map(s -> s.state() == READY && s.pid() != pid).orElse(false));
    }

    @Test
    void instancesThatDiedWhileTheAgentWasDownAreStartedAgain() throws Exception {
        Supervisor first = fx.supervisor();
        first.start(sleeper("lost-1"));
        long pid = awaitState(first, "lost-1", READY).pid();
        first.close();
        ProcessGroups.signal(pid, Signal.KILL);
        await().atMost(WAIT).until(() -> ProcessGroups.members(pid).isEmpty());

        Supervisor second = fx.supervisor();
        second.recover();

        InstanceStatus ready = awaitState(second, "lost-1", READY);
        assertThat(ready.pid()).isNotEqualTo(pid);
        assertThat(fx.driver.launches.get()).isEqualTo(2);
        assertThat(fx.events).anyMatch(e -> e.to() == LAUNCHING
                && e.status().message().equals("launching: pid " + pid + " was gone when the agent restarted; starting it again"));
    }

    @Test
    void afterKillMinus9OfTheAgentJvmItsInstanceIsAdoptedNotDuplicated() throws Exception {
        Path readyFile = temp.resolve("ready.txt");
        String java = ProcessHandle.current().info().command().orElseThrow();
        Process agent = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), "-XX:TieredStopAtLevel=1",
                SupervisorHarness.class.getName(), fx.dataDir.toString(), temp.resolve("run/survivor-1").toString(),
                fx.workloads.script("sleeper.sh").toString(), readyFile.toString())
                .redirectErrorStream(true).redirectOutput(temp.resolve("agent.log").toFile()).start();
        long pid;
        try {
            await().atMost(WAIT).until(() -> Files.exists(readyFile) || !agent.isAlive());
            assertThat(agent.isAlive()).as("harness agent runs; its log: %s", temp.resolve("agent.log")).isTrue();
            pid = Long.parseLong(Files.readString(readyFile).strip());
            fx.workloads.track(pid);
            assertThat(ProcStat.read(pid).orElseThrow().ppid()).isEqualTo(agent.pid());
        } finally {
            agent.destroyForcibly(); // SIGKILL: no shutdown hook, no final save
            agent.waitFor(10, TimeUnit.SECONDS);
        }
        assertThat(Workloads.running(pid)).as("the workload survives kill -9 of its agent").isTrue();

        Supervisor next = fx.supervisor();
        next.recover();

        InstanceStatus ready = awaitState(next, "survivor-1", READY);
        assertThat(ready.pid()).isEqualTo(pid);
        assertThat(fx.driver.launches.get()).isZero();
        assertThat(fx.events.get(0).status().message()).isEqualTo("adopted pid " + pid + " from the previous agent");
        next.stop("survivor-1").get(10, TimeUnit.SECONDS);
        assertThat(Workloads.running(pid)).isFalse();
    }

    @Test
    void aStopInterruptedByAnAgentRestartIsFinishedNotRestarted() throws Exception {
        Supervisor first = fx.supervisor();
        InstanceSpec spec = fx.spec("halfway-1", "ignore-term.sh", 0, HealthCheck.none(), Duration.ofMillis(100), Duration.ofSeconds(3));
        first.start(spec);
        awaitState(first, "halfway-1", READY);
        Workloads.awaitStarted(spec.launch());
        List<Long> pids = Workloads.recordedPids(spec.launch());
        first.stop("halfway-1"); // TERM is ignored, and the agent ends before the grace period does
        awaitState(first, "halfway-1", InstanceState.DRAINING);
        first.close();
        assertThat(pids).allMatch(Workloads::running);
        assertThat(new InstanceStore(fx.dataDir).load()).singleElement().satisfies(p -> assertThat(p.stopping()).isTrue());
        fx.events.clear();

        Supervisor second = fx.supervisor();
        second.recover();

        InstanceStatus stopped = awaitState(second, "halfway-1", InstanceState.STOPPED);
        assertThat(stopped.message()).endsWith("did not exit within 3000 ms of TERM; killed");
        assertThat(fx.states("halfway-1")).doesNotContain(READY).endsWith(InstanceState.DRAINING, InstanceState.STOPPED);
        assertThat(fx.driver.launches.get()).as("never restarted").isEqualTo(1);
        assertThat(pids).noneMatch(Workloads::running);
        // STOPPED is visible a moment before the state file drops the record.
        await().atMost(WAIT).until(() -> new InstanceStore(fx.dataDir).load().isEmpty());
    }
}
