package io.mycelium.cli.up;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * One process that {@code mesh up} started: an agent or the edge, a JVM on this JVM's class path,
 * with the small-footprint flags, at {@code nice -n -10} when this user may raise priority (the
 * fabric's failure detector needs its members scheduled promptly under load), its output appended
 * to a log file. Stopped by its own PID: TERM, a grace period, then KILL.
 */
final class Child {
    /** Flags that keep the edge small (TOOLCHAIN.md: ~87 MB RSS instead of ~120). */
    static final List<String> EDGE_JVM_FLAGS = List.of("-XX:+UseSerialGC", "-Xmx64m", "-XX:TieredStopAtLevel=1", "-Xshare:auto");

    /**
     * Flags for agent {@code id}: the agent module's measured recommendation (its jvm-options
     * resource) and a class-data archive of its own under {@code cdsDir} (written once it first
     * has started, used from the next {@code mesh up} on; about half the CPU of a start).
     */
    static List<String> agentJvmFlags(Path cdsDir, String id) throws IOException {
        Files.createDirectories(cdsDir);
        List<String> flags = new ArrayList<>(io.mycelium.agent.daemon.AgentJvmOptions.recommended());
        flags.addAll(io.mycelium.agent.daemon.AgentJvmOptions.appCds(cdsDir, id, classPath()));
        return flags;
    }

    /**
     * Netty (under the fabric) without its native transport, and on Java 24+ its use of
     * {@code sun.misc.Unsafe} allowed, so that no child prints Java's warnings about either at
     * start (as bin/mesh does).
     */
    static List<String> quietNettyFlags(int javaFeature) {
        return javaFeature >= 24
                ? List.of("-Dio.netty.transport.noNative=true", "--sun-misc-unsafe-memory-access=allow")
                : List.of("-Dio.netty.transport.noNative=true");
    }

    private static volatile Boolean niceAllowed;

    private final String name;
    private final Process process;
    private final Path log;

    private Child(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
    }

    /** Starts {@code mainClass args} in a new JVM, output appended to {@code log}. */
    static Child start(String name, List<String> jvmFlags, String mainClass, List<String> args, Path log) throws IOException {
        Objects.requireNonNull(name, "name");
        List<String> cmd = new ArrayList<>();
        if (niceAllowed()) {
            cmd.addAll(List.of("nice", "-n", "-10"));
        }
        cmd.add(javaExecutable());
        cmd.addAll(jvmFlags);
        cmd.addAll(quietNettyFlags(Runtime.version().feature()));
        cmd.add("-Dmesh.child=" + name);
        cmd.add("-cp");
        cmd.add(classPath());
        cmd.add(mainClass);
        cmd.addAll(args);
        Files.createDirectories(log.getParent());
        Files.writeString(log, "---- " + java.time.Instant.now() + " mesh up: " + String.join(" ", cmd) + "\n", StandardCharsets.UTF_8,
                java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        pb.environment().remove("JAVA_TOOL_OPTIONS");
        return new Child(name, pb.start(), log);
    }

    String name() {
        return name;
    }

    long pid() {
        return process.pid();
    }

    Path log() {
        return log;
    }

    boolean alive() {
        return process.isAlive();
    }

    /** The exit code, once it has exited. */
    int exitValue() {
        return process.exitValue();
    }

    /** Sends TERM (without waiting). */
    void term() {
        process.destroy();
    }

    /** Waits up to {@code graceMs} for it to exit after {@link #term}, then KILLs it; true if it exited on TERM. */
    boolean awaitOrKill(long graceMs) {
        try {
            if (process.waitFor(graceMs, TimeUnit.MILLISECONDS)) {
                return true;
            }
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        return false;
    }

    /** Whether {@code nice -n -10} really raises priority here (root or CAP_SYS_NICE); tried once. */
    static boolean niceAllowed() {
        Boolean b = niceAllowed;
        if (b == null) {
            b = tryNice();
            niceAllowed = b;
        }
        return b;
    }

    private static boolean tryNice() {
        try {
            Process p = new ProcessBuilder("nice", "-n", "-10", "nice").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (!p.waitFor(5, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return false;
            }
            return p.exitValue() == 0 && out.endsWith("-10") && !out.contains("cannot");
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** This JVM's class path with every entry made absolute (children run from any directory). */
    static String classPath() {
        String cp = System.getProperty("java.class.path", "");
        List<String> out = new ArrayList<>();
        for (String e : cp.split(File.pathSeparator)) {
            if (!e.isEmpty()) {
                out.add(Path.of(e).toAbsolutePath().normalize().toString());
            }
        }
        return String.join(File.pathSeparator, out);
    }
}
