package io.mycelium.cli;

import io.mycelium.spore.time.Clock;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * What every command may need from outside the command line: the environment (read through
 * here so that tests can set it), where the mesh distribution lives (to find the example
 * workloads), and the clock.
 *
 * @param env  the process environment
 * @param home the mesh home: the repository root when run from a checkout, the unpacked
 *             distribution otherwise
 * @param clock wall-clock time
 */
public record CliContext(Map<String, String> env, Path home, Clock clock) {
    public CliContext {
        env = Map.copyOf(Objects.requireNonNull(env, "env"));
        Objects.requireNonNull(home, "home");
        Objects.requireNonNull(clock, "clock");
    }

    /** The real process: its environment, {@code -Dmesh.home} (set by ./mesh) or a guess, the system clock. */
    public static CliContext fromSystem() {
        return new CliContext(System.getenv(), MeshHome.locate(System.getenv()), Clock.SYSTEM);
    }

    /** True when {@code MESH_DEBUG=1}: errors then show their stack trace. */
    public boolean debug() {
        String v = env.getOrDefault("MESH_DEBUG", "");
        return v.equals("1") || v.equalsIgnoreCase("true");
    }
}
