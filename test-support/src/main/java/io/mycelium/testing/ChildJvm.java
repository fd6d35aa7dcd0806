package io.mycelium.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A JVM that a test starts as a child process on the test's own class path (an agent, {@code mesh
 * up}, a fabric member), with its output in a log file, and stops by its own PID.
 */
public final class ChildJvm {
    private ChildJvm() {
    }

    /** The {@code java} executable of the running JVM. */
    public static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** {@code java FLAGS -cp <this class path> MAIN ARGS}. */
    public static List<String> command(List<String> jvmFlags, String mainClass, List<String> args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(java());
        cmd.addAll(jvmFlags);
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), mainClass));
        cmd.addAll(args);
        return cmd;
    }

    /** Starts {@code cmd} with stdout and stderr appended to {@code log} (its directory is made). */
    public static Process start(List<String> cmd, Path log) throws IOException {
        return builder(cmd, log).start();
    }

    /** The process builder of {@link #start}, for a test that sets the environment first. */
    public static ProcessBuilder builder(List<String> cmd, Path log) throws IOException {
        Files.createDirectories(log.toAbsolutePath().getParent());
        return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    }

    /** TERM, up to {@code grace} for it to exit, then KILL (and up to 10 s more); true if it exited on TERM. */
    public static boolean stop(Process p, Duration grace) throws InterruptedException {
        if (!p.isAlive()) {
            return true;
        }
        p.destroy();
        if (p.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
            return true;
        }
        p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        return false;
    }
}
