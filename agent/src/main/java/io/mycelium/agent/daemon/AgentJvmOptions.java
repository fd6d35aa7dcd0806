package io.mycelium.agent.daemon;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The JVM flags an agent process should run with, for whatever starts one ({@code mesh agent},
 * {@code mesh up}, benchmarks). They are kept in the resource {@code jvm-options} next to this
 * class, one flag a line ({@code #} starts a comment), so a launcher script can read the same
 * list from the jar; the figures behind them are in {@code docs/BENCHMARKS.md}, "Agent:
 * orchestration".
 *
 * <p>The AppCDS flags ({@link #appCds}) are separate because they name a file: the JVM refuses to
 * start if the archive's directory does not exist, so the launcher makes it first. bin/mesh
 * builds the same flags for {@code mesh agent} in shell.
 */
public final class AgentJvmOptions {
    private static final String RESOURCE = "jvm-options";

    private AgentJvmOptions() {
    }

    /** The recommended flags for a JVM of this one's version (mesh up starts its agents on the same Java). */
    public static List<String> recommended() {
        return recommendedFor(Runtime.version());
    }

    /**
     * The recommended flags, in order, without the AppCDS ones, for a JVM of version {@code java}:
     * Java 21.0.0 does not know {@code -XX:TrimNativeHeapInterval} (21.0.1 and later do), so it is
     * left out there, as bin/mesh does.
     */
    static List<String> recommendedFor(Runtime.Version java) {
        List<String> all = fromResource();
        if (java.feature() == 21 && java.interim() == 0 && java.update() == 0) {
            return all.stream().filter(f -> !f.startsWith("-XX:TrimNativeHeapInterval")).toList();
        }
        return all;
    }

    private static List<String> fromResource() {
        try (InputStream in = AgentJvmOptions.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("resource " + RESOURCE + " is missing from the agent jar; rebuild it");
            }
            List<String> out = new ArrayList<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                String flag = line.strip();
                if (!flag.isEmpty() && !flag.startsWith("#")) {
                    out.add(flag);
                }
            }
            return List.copyOf(out);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the agent's " + RESOURCE, e);
        }
    }

    /**
     * The flags for the agent's class-data archive named {@code name} in {@code dir} (which must
     * exist), for an agent run with {@link #recommended} on {@code classPath}: see
     * {@link ClassDataArchive#flags}. About half the CPU of a start once the archive exists.
     */
    public static List<String> appCds(Path dir, String name, String classPath) {
        return ClassDataArchive.flags(dir, name, classPath, recommended());
    }
}
