package io.mycelium.agent.driver;

import io.mycelium.testing.Ports;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class LocalProcessDriverTest {
    @TempDir
    Path temp;
    Workloads workloads;
    final LocalProcessDriver driver = Workloads.driver();

    @BeforeEach
    void setUp() {
        workloads = new Workloads(temp);
    }

    @AfterEach
    void tearDown() {
        workloads.close();
    }

    @Test
    void startsEachInstanceAsLeaderOfItsOwnSessionAndGroup() throws Exception {
        LaunchSpec spec = workloads.spec("lead-1", "sleeper.sh", 0);
        RunningProcess p = workloads.track(driver.launch(spec));
        Workloads.awaitStarted(spec);

        ProcStat stat = ProcStat.read(p.ref().pid()).orElseThrow();
        assertThat(stat.pgid()).isEqualTo(p.ref().pid());
        assertThat(stat.sid()).isEqualTo(p.ref().pid());
        assertThat(p.ref().pgid()).isEqualTo(p.ref().pid());
        assertThat(p.ref().startTicks()).isEqualTo(stat.startTicks()).isPositive();
        ProcStat agent = ProcStat.read(ProcessHandle.current().pid()).orElseThrow();
        assertThat(stat.pgid()).isNotEqualTo(agent.pgid());
        assertThat(p.isAlive()).isTrue();
        assertThat(p.groupAlive()).isTrue();
        assertThat(p.adopted()).isFalse();
    }

    @Test
    void givesACleanEnvironmentWithPortAndMyceliumVariablesAndTheWorkDirectory() throws Exception {
        LaunchSpec spec = workloads.spec("env-1", "env-dump.sh", 23456);
        workloads.track(driver.launch(spec));
        Workloads.awaitStarted(spec);

        List<String> env = Files.readAllLines(spec.dataDir().resolve("env.txt"));
        assertThat(env).contains("PORT=23456", "MYCELIUM_INSTANCE_ID=env-1", "MYCELIUM_APP=app-env-1",
                "MYCELIUM_NODE=node-a", "MYCELIUM_DATA_DIR=" + spec.dataDir(), "MYCELIUM_BIND_ADDRESS=127.0.0.1",
                "MYCELIUM_SPORE_DIR=" + spec.sporeDir(), "HOME=" + spec.workDir(),
                "GREETING=hello world", "PATH=/usr/local/bin:/usr/bin:/bin");
        // Nothing of the agent's own environment leaks through.
        for (String name : System.getenv().keySet()) {
            if (!List.of("PATH", "HOME", "PWD", "SHLVL", "_", "OLDPWD").contains(name)) {
                assertThat(env).noneMatch(line -> line.startsWith(name + "="));
            }
        }
        assertThat(Files.readString(spec.dataDir().resolve("pwd.txt")).strip()).isEqualTo(spec.sporeDir().toString());
    }

    @Test
    void aSporesScriptRunsInItsOwnDirectoryAndGetsItsArgumentsExpandedFromItsEnvironment() throws Exception {
        assumeTrue(Workloads.hasPython(), "needs /usr/bin/python3 to serve the file");
        Path spore = Files.createDirectories(temp.resolve("sprouts/greeter"));
        Files.setPosixFilePermissions(spore.getParent(), java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setPosixFilePermissions(spore, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        Path run = spore.resolve("run.sh");
        // what a spore's script does: name its own files by ./ (and by $MYCELIUM_SPORE_DIR)
        Files.writeString(run, """
                #!/bin/sh
                cat ./greeting.txt > "$MYCELIUM_DATA_DIR/read-by-dot.txt"
                cat "$MYCELIUM_SPORE_DIR/greeting.txt" > "$MYCELIUM_DATA_DIR/read-by-env.txt"
                printf '%s\n' "$2" > "$MYCELIUM_DATA_DIR/second-arg.txt"
                exec python3 -m http.server "$1" --bind 127.0.0.1
                """);
        Files.setPosixFilePermissions(run, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.writeString(spore.resolve("greeting.txt"), "hello from the spore\n");
        Files.setPosixFilePermissions(spore.resolve("greeting.txt"), java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
        int port = Ports.free();
        LaunchSpec spec = new LaunchSpec("greeter-1", "greeter", "node-a", run, List.of("${PORT}", "$${PORT} costs $$5 in ${MYCELIUM_APP}"),
                Map.of(), port, temp.resolve("run/greeter-1"), io.mycelium.agent.cgroup.ResourceLimits.NONE, spore);
        workloads.track(driver.launch(spec));

        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        java.net.URI uri = java.net.URI.create("http://127.0.0.1:" + port + "/greeting.txt");
        String body = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50)).ignoreExceptions()
                .until(() -> http.send(java.net.http.HttpRequest.newBuilder(uri).build(),
                        java.net.http.HttpResponse.BodyHandlers.ofString()).body(), b -> !b.isEmpty());
        assertThat(body).isEqualTo("hello from the spore\n");
        assertThat(Files.readString(spec.dataDir().resolve("read-by-dot.txt"))).isEqualTo("hello from the spore\n");
        assertThat(Files.readString(spec.dataDir().resolve("read-by-env.txt"))).isEqualTo("hello from the spore\n");
        assertThat(Files.readString(spec.dataDir().resolve("second-arg.txt"))).isEqualTo("${PORT} costs $5 in greeter\n");
    }

    @Test
    void anArgumentNamingAVariableTheInstanceDoesNotHaveIsAPermanentLaunchFailure() {
        LaunchSpec spec = new LaunchSpec("typo-1", "app", "node-a", workloads.script("sleeper.sh"), List.of("--port=${PROT}"),
                Map.of(), 4000, temp.resolve("run/typo-1"), io.mycelium.agent.cgroup.ResourceLimits.NONE, workloads.script("sleeper.sh").getParent());
        assertThatThrownBy(() -> driver.launch(spec))
                .isInstanceOfSatisfying(LaunchException.class, e -> assertThat(e.permanent()).isTrue())
                .hasMessageContaining("typo-1").hasMessageContaining("${PROT}").hasMessageContaining("PATH, PORT");
    }

    @Test
    void planEnvironmentCannotOverrideTheAgentsVariables() {
        LaunchSpec spec = new LaunchSpec("env-2", "app", "node-a", workloads.script("sleeper.sh"), List.of(),
                Map.of("PORT", "1", "MYCELIUM_APP", "evil", "OWN", "x"), 4000, temp.resolve("run/env-2"),
                io.mycelium.agent.cgroup.ResourceLimits.NONE, workloads.script("sleeper.sh").getParent());
        Map<String, String> env = driver.environment(spec);
        assertThat(env).containsEntry("PORT", "4000").containsEntry("MYCELIUM_APP", "app").containsEntry("OWN", "x");
    }

    @Test
    void runsTheWorkloadAsNobodyWhenTheAgentIsRoot() throws Exception {
        assumeTrue(WorkloadUser.currentUid() == 0, "the tests do not run as root, so workloads keep the agent's user");
        LaunchSpec spec = workloads.spec("user-1", "env-dump.sh", 0);
        workloads.track(driver.launch(spec));
        Workloads.awaitStarted(spec);
        assertThat(Files.readString(spec.dataDir().resolve("uid.txt")).strip()).isEqualTo("65534");
        assertThat(Files.getAttribute(spec.workDir(), "unix:uid")).isEqualTo(65534);
        // The log files stay the agent's: the workload writes through the descriptors it inherited.
        assertThat(Files.getAttribute(spec.stdoutLog(), "unix:uid")).isEqualTo(0);
    }

    @Test
    void appendsOutputStraightToLogFilesAcrossLaunches() throws Exception {
        LaunchSpec spec = workloads.spec("logs-1", "exit-at-once.sh", 0);
        RunningProcess first = driver.launch(spec);
        assertThat(first.onExit().get(10, TimeUnit.SECONDS)).isEqualTo(new ExitStatus(3, true));
        RunningProcess second = driver.launch(spec);
        assertThat(second.onExit().get(10, TimeUnit.SECONDS).describe()).isEqualTo("exited with code 3");
        assertThat(Files.readAllLines(spec.stdoutLog())).containsExactly("starting", "starting");
        assertThat(Files.readAllLines(spec.stderrLog())).containsExactly(
                "fatal: config file app.toml not found", "fatal: config file app.toml not found");
    }

    @Test
    void aMissingExecutableIsAPermanentLaunchFailureNamingThePath() {
        LaunchSpec spec = new LaunchSpec("missing-1", "app", "node-a", temp.resolve("bin/no-such-binary"), List.of(),
                Map.of(), 0, temp.resolve("run/missing-1"), io.mycelium.agent.cgroup.ResourceLimits.NONE, temp.resolve("bin"));
        assertThatThrownBy(() -> driver.launch(spec))
                .isInstanceOfSatisfying(LaunchException.class, e -> assertThat(e.permanent()).isTrue())
                .hasMessage("instance missing-1: executable " + temp.resolve("bin/no-such-binary")
                        + " does not exist; check the spore's manifest entry point");
    }

    @Test
    void aFileWithoutExecutePermissionIsRefused() throws IOException {
        Path notExec = Files.writeString(temp.resolve("bin/plain.txt"), "hello");
        LaunchSpec spec = new LaunchSpec("plain-1", "app", "node-a", notExec, List.of(), Map.of(), 0,
                temp.resolve("run/plain-1"), io.mycelium.agent.cgroup.ResourceLimits.NONE, notExec.getParent());
        assertThatThrownBy(() -> driver.launch(spec)).isInstanceOf(LaunchException.class)
                .hasMessageContaining("is not an executable file");
    }

    @Test
    void signallingTheGroupReachesForkedChildrenAndReparentedGrandchildren() throws Exception {
        LaunchSpec spec = workloads.spec("fork-1", "forker.sh", 0);
        RunningProcess p = workloads.track(driver.launch(spec));
        Workloads.awaitStarted(spec);
        List<Long> pids = Workloads.recordedPids(spec);
        assertThat(pids).hasSize(4).allMatch(Workloads::running);

        p.signalGroup(Signal.TERM);

        await().atMost(Duration.ofSeconds(10)).until(() -> !p.groupAlive());
        assertThat(pids).noneMatch(Workloads::running);
        assertThat(p.onExit().get(5, TimeUnit.SECONDS).known()).isTrue();
    }

    @Test
    void adoptsOnlyWhenPidAndStartTimeBothMatch() throws Exception {
        LaunchSpec spec = workloads.spec("adopt-1", "sleeper.sh", 0);
        RunningProcess p = workloads.track(driver.launch(spec));
        Workloads.awaitStarted(spec);

        RunningProcess adopted = driver.adopt(p.ref()).orElseThrow();
        assertThat(adopted.adopted()).isTrue();
        assertThat(adopted.isAlive()).isTrue();
        assertThat(adopted.ref()).isEqualTo(p.ref());

        ProcessRef reused = new ProcessRef(p.ref().pid(), p.ref().pgid(), p.ref().startTicks() + 1, Optional.empty());
        assertThat(driver.adopt(reused)).isEmpty();
        assertThat(p.isAlive()).as("a mismatching record never touches the process").isTrue();

        p.signalGroup(Signal.KILL);
        await().atMost(Duration.ofSeconds(10)).until(() -> !adopted.isAlive());
        assertThat(adopted.onExit()).isCompletedWithValue(ExitStatus.unknown());
        assertThat(driver.adopt(p.ref())).isEmpty();
    }

    @Test
    void reapLeftoversKillsWhatRemainsOfALostInstanceButNotOtherSessions() throws Exception {
        LaunchSpec spec = workloads.spec("reap-1", "forker.sh", 0);
        RunningProcess p = workloads.track(driver.launch(spec));
        Workloads.awaitStarted(spec);
        List<Long> pids = Workloads.recordedPids(spec);
        Process outsider = new ProcessBuilder("sleep", "300").start();
        try {
            driver.reapLeftovers(p.ref());
            assertThat(pids).noneMatch(Workloads::running);
            assertThat(outsider.isAlive()).isTrue();
        } finally {
            outsider.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void aRunDirTheWorkloadUserCannotReachIsRefusedWithTheFix() throws Exception {
        assumeTrue(WorkloadUser.currentUid() == 0, "the tests do not run as root, so there is no workload user to lock out");
        Path closed = Files.createDirectories(temp.resolve("closed"));
        Files.setPosixFilePermissions(closed, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
        LaunchSpec spec = new LaunchSpec("closed-1", "app", "node-a", workloads.script("sleeper.sh"), List.of(), Map.of(), 0,
                closed.resolve("run/closed-1"), io.mycelium.agent.cgroup.ResourceLimits.NONE, workloads.script("sleeper.sh").getParent());
        assertThatThrownBy(() -> driver.launch(spec))
                .isInstanceOfSatisfying(LaunchException.class, e -> assertThat(e.permanent()).isTrue())
                .hasMessage("instance closed-1: workload user nobody cannot enter " + closed
                        + " (mode rwx------); allow it with chmod o+x " + closed + " or put the agent's data dir elsewhere");
    }
}
