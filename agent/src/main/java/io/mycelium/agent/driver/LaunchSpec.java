package io.mycelium.agent.driver;

import io.mycelium.agent.cgroup.ResourceLimits;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Everything needed to start one instance of an app.
 *
 * @param instanceId unique on this node, letters, digits, '.', '_' and '-' (it names a cgroup and a directory)
 * @param app        the app the instance belongs to
 * @param node       the node that runs it
 * @param executable absolute path of the program
 * @param args       its arguments
 * @param env        the plan's environment, added to a clean one; {@code PORT} and {@code MYCELIUM_*} are set by the driver
 * @param port       the port the workload listens on ({@code PORT}); 0 when it needs none
 * @param runDir     the instance's run dir: {@code work/} ({@code HOME}), {@code data/}, {@code logs/}
 * @param limits     cpu and memory limits applied when the driver has cgroups
 * @param sporeDir   the spore's extracted payload ({@code MYCELIUM_SPORE_DIR}): the working directory,
 *                   so that {@code ./run.sh} or {@code ./busybox} in a spore name its own files
 */
public record LaunchSpec(String instanceId, String app, String node, Path executable, List<String> args,
                         Map<String, String> env, int port, Path runDir, ResourceLimits limits, Path sporeDir) {
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");
    private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    public LaunchSpec {
        Objects.requireNonNull(instanceId, "instanceId");
        Objects.requireNonNull(app, "app");
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(executable, "executable");
        Objects.requireNonNull(runDir, "runDir");
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(sporeDir, "sporeDir");
        if (!ID.matcher(instanceId).matches()) {
            throw new IllegalArgumentException("instance id '" + instanceId
                    + "' must be 1-128 letters, digits, '.', '_' or '-', starting with a letter or digit");
        }
        if (!executable.isAbsolute()) {
            throw new IllegalArgumentException("instance " + instanceId + ": executable " + executable + " must be an absolute path");
        }
        if (!runDir.isAbsolute()) {
            throw new IllegalArgumentException("instance " + instanceId + ": run dir " + runDir + " must be an absolute path");
        }
        if (!sporeDir.isAbsolute()) {
            throw new IllegalArgumentException("instance " + instanceId + ": spore dir " + sporeDir + " must be an absolute path");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("instance " + instanceId + ": port " + port + " is outside 0-65535");
        }
        args = List.copyOf(args);
        env = Map.copyOf(env);
        for (var e : env.entrySet()) {
            if (!ENV_NAME.matcher(e.getKey()).matches()) {
                throw new IllegalArgumentException("instance " + instanceId + ": environment variable name '" + e.getKey()
                        + "' must be letters, digits and '_', not starting with a digit");
            }
            if (e.getValue().indexOf('\0') >= 0) {
                throw new IllegalArgumentException("instance " + instanceId + ": environment variable " + e.getKey() + " contains a NUL byte");
            }
        }
    }

    /** The workload's own writable directory ({@code HOME}); its working directory is {@link #sporeDir}. */
    public Path workDir() {
        return runDir.resolve("work");
    }

    /** The instance's own data directory ({@code MYCELIUM_DATA_DIR}). */
    public Path dataDir() {
        return runDir.resolve("data");
    }

    /** The directory of {@code stdout.log} and {@code stderr.log} and their rotated copies. */
    public Path logDir() {
        return runDir.resolve("logs");
    }

    public Path stdoutLog() {
        return logDir().resolve("stdout.log");
    }

    public Path stderrLog() {
        return logDir().resolve("stderr.log");
    }
}
