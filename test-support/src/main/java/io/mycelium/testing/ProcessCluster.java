package io.mycelium.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * The real processes of one test cluster (agents, edges, {@code mesh up}) and the work dir they
 * share: the one harness that the agent module's {@code AgentProcesses} and the CLI's
 * {@code MeshUpProcess} are built on. It starts each process with its output in a log, and on
 * {@link #close()} stops them by their own PIDs (TERM to all at once, then each gets its grace and
 * a KILL), waits for every PID it was told to see gone (children a launcher started, workloads the
 * test saw), kills the workload process groups still running from the work dir, prints the tail
 * of every log, copies the logs when {@code -Dmesh.e2e.keep-logs=DIR} is set, and removes the work
 * dir. Something that outlived its stop is killed and then reported as a test failure.
 */
public final class ProcessCluster implements AutoCloseable {
    private static final Duration GONE_WITHIN = Duration.ofSeconds(30);

    private final Path work;
    private final boolean ownsWork;
    private final List<Started> started = new ArrayList<>();
    private final Set<Long> mustBeGone = new LinkedHashSet<>();
    private final Set<Long> workloadGroups = new LinkedHashSet<>();
    private final List<Path> logDirs = new ArrayList<>();
    private final List<Runnable> afterStop = new ArrayList<>();

    private record Started(String name, Process process, Duration grace, Path log) {
    }

    private ProcessCluster(Path work, boolean ownsWork) {
        this.work = work;
        this.ownsWork = ownsWork;
    }

    /** A cluster in a new temp dir (readable by all: as root, agents run workloads as nobody), removed on close. */
    public static ProcessCluster inTempDir(String prefix) throws IOException {
        Path work = Files.createTempDirectory(prefix);
        Files.setPosixFilePermissions(work, PosixFilePermissions.fromString("rwxr-xr-x"));
        return new ProcessCluster(work, true);
    }

    /** A cluster in {@code work}, which its owner removes (this class only stops what it started there). */
    public static ProcessCluster in(Path work) {
        return new ProcessCluster(work, false);
    }

    public Path work() {
        return work;
    }

    /**
     * Starts {@code builder} as {@code name} (a restart starts the same name again), stopped on
     * close with TERM and up to {@code grace} before KILL.
     */
    public Process start(String name, ProcessBuilder builder, Duration grace) throws IOException {
        Process p = builder.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        Path log = builder.redirectOutput().file() == null ? null : builder.redirectOutput().file().toPath();
        started.add(new Started(name, p, grace, log));
        return p;
    }

    /** {@code cmd} with stdout and stderr appended to {@code log}; see {@link #start(String, ProcessBuilder, Duration)}. */
    public Process start(String name, List<String> cmd, Path log, Duration grace) throws IOException {
        return start(name, ChildJvm.builder(cmd, log), grace);
    }

    /** A PID that must be gone once the processes are stopped (a launcher's child, a workload): killed and reported if not. */
    public void mustBeGone(long pid) {
        mustBeGone.add(pid);
    }

    /** A workload's process group: killed on close if its leader still runs from this work dir (a reused PID is someone else's). */
    public void workloadGroup(long pgid) {
        workloadGroups.add(pgid);
    }

    /** A directory whose logs' last lines are printed on close (and copied with keep-logs). */
    public void logsIn(Path dir) {
        logDirs.add(dir);
    }

    /** Runs once every process is stopped, before the checks (e.g. reading the agents' state files for workloads). */
    public void afterStop(Runnable step) {
        afterStop.add(step);
    }

    /** {@code kill -9} of {@code pid} (one this cluster started or a child of one); returns once it is gone. */
    public void kill9(long pid) {
        ProcessHandle.of(pid).ifPresent(h -> {
            h.destroyForcibly();
            awaitGone(h, GONE_WITHIN);
        });
    }

    /** TERM to every process started here that still runs (close does it too; a caller may start the stop early). */
    public void terminate() {
        started.forEach(s -> s.process().destroy());
    }

    @Override
    public void close() throws Exception {
        List<String> outlived = new ArrayList<>();
        try {
            terminate();
            for (Started s : started) {
                if (!ChildJvm.stop(s.process(), s.grace())) {
                    System.out.println(s.name() + " (pid " + s.process().pid() + ") did not stop on TERM within " + s.grace() + ": killed");
                }
            }
            afterStop.forEach(Runnable::run);
            for (long pid : mustBeGone) {
                ProcessHandle.of(pid).filter(ProcessHandle::isAlive).ifPresent(h -> {
                    if (!awaitGone(h, GONE_WITHIN)) {
                        outlived.add(pid + " (" + h.info().commandLine().orElse("?") + ")");
                        h.destroyForcibly();
                    }
                });
            }
            for (long pgid : workloadGroups) {
                killGroupIfOurs(pgid);
            }
        } finally {
            printLogTails();
            keepLogs();
            if (ownsWork) {
                TempTrees.tryDelete(work);
            }
        }
        if (!outlived.isEmpty()) {
            throw new AssertionError("still running " + GONE_WITHIN.toSeconds() + " s after the stop: " + outlived);
        }
    }

    private static boolean awaitGone(ProcessHandle h, Duration within) {
        try {
            h.onExit().get(within.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (ExecutionException e) {
            return !h.isAlive();
        }
    }

    private void killGroupIfOurs(long pgid) throws IOException, InterruptedException {
        boolean ours = ProcessHandle.of(pgid).filter(ProcessHandle::isAlive)
                .flatMap(h -> h.info().commandLine()).map(c -> c.contains(work.toString())).orElse(false);
        if (ours) {
            new ProcessBuilder("kill", "-KILL", "--", "-" + pgid).inheritIO().start().waitFor(5, TimeUnit.SECONDS);
        }
    }

    private List<Path> logs() {
        List<Path> all = new ArrayList<>();
        started.stream().map(Started::log).filter(l -> l != null && Files.isRegularFile(l)).distinct().forEach(all::add);
        for (Path dir : logDirs) {
            try (Stream<Path> s = Files.list(dir)) {
                s.filter(p -> p.toString().endsWith(".log") && !all.contains(p)).sorted().forEach(all::add);
            } catch (IOException | UncheckedIOException e) {
                // no such dir: nothing to print
            }
        }
        return all;
    }

    private void printLogTails() {
        for (Path log : logs()) {
            try {
                List<String> lines = Files.readAllLines(log);
                System.out.println("---- last lines of " + (log.startsWith(work) ? work.relativize(log) : log));
                lines.subList(Math.max(0, lines.size() - 40), lines.size()).forEach(System.out::println);
            } catch (IOException e) {
                System.out.println("---- " + log + ": " + e);
            }
        }
    }

    /** With {@code -Dmesh.e2e.keep-logs=DIR}: the logs and the fabric state files (state.json) copied under DIR before the work dir goes. */
    private void keepLogs() {
        String to = System.getProperty("mesh.e2e.keep-logs");
        if (to == null || to.isBlank()) {
            return;
        }
        Path dest = Path.of(to).resolve(work.getFileName().toString());
        copyTree(dest, p -> p.toString().endsWith(".log") || p.getFileName().toString().equals("state.json"));
        System.out.println("logs kept in " + dest);
    }

    /** Copies the files of the work dir that {@code which} accepts under {@code dest}, keeping their relative paths. */
    public void copyTree(Path dest, Predicate<Path> which) {
        try (Stream<Path> all = Files.walk(work)) {
            for (Path p : all.filter(Files::isRegularFile).filter(which).filter(p -> !p.startsWith(dest)).toList()) {
                Path target = dest.resolve(work.relativize(p).toString());
                Files.createDirectories(target.getParent());
                Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException | UncheckedIOException e) {
            System.out.println("could not copy to " + dest + ": " + e);
        }
    }
}
