package io.mycelium.agent.driver;

import io.mycelium.agent.cgroup.ResourceLimits;

import io.mycelium.testing.Ports;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import static org.awaitility.Awaitility.await;

/**
 * Test workloads: the scripts under {@code src/test/resources/workloads}, copied into a directory
 * the workload user can reach, and cleanup that kills every process group the test started.
 */
public final class Workloads implements AutoCloseable {
    public static final Path PYTHON = Path.of("/usr/bin/python3");
    private static final List<String> SCRIPTS = List.of("http-server.py", "tcp-server.py", "env-dump.sh", "forker.sh",
            "ignore-term.sh", "exit-at-once.sh", "sleeper.sh", "chatty.sh", "memhog.sh");

    private final Path root;
    private final Set<Long> groups = ConcurrentHashMap.newKeySet();

    public Workloads(Path tempDir) {
        this.root = tempDir;
        try {
            // @TempDir is 0700; the workload user must be able to reach the scripts.
            Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwxr-xr-x"));
            Path bin = Files.createDirectories(root.resolve("bin"));
            Files.setPosixFilePermissions(bin, PosixFilePermissions.fromString("rwxr-xr-x"));
            for (String name : SCRIPTS) {
                try (InputStream in = Workloads.class.getResourceAsStream("/workloads/" + name)) {
                    Path target = bin.resolve(name);
                    Files.copy(in, target);
                    Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rwxr-xr-x"));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Path root() {
        return root;
    }

    public Path script(String name) {
        return root.resolve("bin").resolve(name);
    }

    public LaunchSpec spec(String id, String script, int port) {
        return spec(id, script, port, ResourceLimits.NONE);
    }

    public LaunchSpec spec(String id, String script, int port, ResourceLimits limits) {
        return new LaunchSpec(id, "app-" + id, "node-a", script(script), List.of(), Map.of("GREETING", "hello world"),
                port, root.resolve("run").resolve(id), limits, script(script).getParent());
    }

    /** The workload user the agent would use here: nobody when the tests run as root. */
    public static Optional<WorkloadUser> user() {
        return WorkloadUser.forAgent("nobody");
    }

    public static LocalProcessDriver driver() {
        return new LocalProcessDriver(new LocalProcessDriver.Options(user(), Optional.empty(), "127.0.0.1"));
    }

    public static boolean hasPython() {
        return Files.isExecutable(PYTHON);
    }

    /** Remembers a process group so that {@link #close()} kills it. */
    public void track(long pgid) {
        if (pgid > 1) {
            groups.add(pgid);
        }
    }

    public RunningProcess track(RunningProcess p) {
        track(p.ref().pgid());
        return p;
    }

    /** Waits until the workload wrote its {@code done} marker. */
    public static void awaitStarted(LaunchSpec spec) {
        await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(spec.dataDir().resolve("done")));
    }

    /** The pids a workload recorded in {@code pids.txt}. */
    public static List<Long> recordedPids(LaunchSpec spec) throws IOException {
        List<Long> pids = new ArrayList<>();
        for (String line : Files.readAllLines(spec.dataDir().resolve("pids.txt"))) {
            if (!line.isBlank()) {
                pids.add(Long.parseLong(line.trim()));
            }
        }
        return pids;
    }

    public static boolean running(long pid) {
        return ProcStat.read(pid).map(ProcStat::running).orElse(false);
    }

    /** Kills every tracked group (only those still in their own session) and waits until they are gone. */
    @Override
    public void close() {
        for (long pgid : groups) {
            List<Long> members = ProcessGroups.members(pgid).stream()
                    .filter(pid -> ProcStat.read(pid).map(s -> s.sid() == pgid).orElse(false)).toList();
            if (!members.isEmpty()) {
                ProcessGroups.signal(pgid, Signal.KILL);
                await().atMost(Duration.ofSeconds(10)).until(() -> members.stream().noneMatch(Workloads::running));
            }
        }
    }
}
