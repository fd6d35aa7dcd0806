package io.mycelium.agent.daemon;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;

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
     * The flags for a class-data archive named {@code name} in {@code dir} (which must exist): the
     * archive's file name carries a fingerprint of this Java, the class path's jars and the flags
     * ({@link #fingerprint}), so an upgrade of either makes a new one instead of a stale match.
     * If it exists, the JVM maps it; if not, the JVM records what it needs and the agent writes it
     * once started ({@link ClassDataArchive}). Never {@code -XX:+AutoCreateSharedArchive}: its
     * archive written at an exit during start-up crashed the next start (see ClassDataArchive).
     * The CDS log is off: a dump lists every class it skips (picocli's, built for Java 5) as a warning.
     */
    public static List<String> appCds(Path dir, String name, String classPath) {
        Path archive = dir.toAbsolutePath().resolve(name + "-" + fingerprint(classPath) + ".jsa");
        if (Files.isRegularFile(archive)) {
            return List.of("-XX:SharedArchiveFile=" + archive, "-Xlog:cds*=off");
        }
        return List.of("-XX:+RecordDynamicDumpInfo", "-D" + ClassDataArchive.PROPERTY + "=" + archive, "-Xlog:cds*=off");
    }

    /**
     * 8 hex digits over what an archive is valid for: this JVM's version and {@code release}
     * file, the recommended flags, and each class path entry's name, size and modification time.
     */
    static String fingerprint(String classPath) {
        CRC32 crc = new CRC32();
        java.util.function.Consumer<String> add = s -> crc.update((s + "\n").getBytes(StandardCharsets.UTF_8));
        add.accept(Runtime.version().toString());
        Path release = Path.of(System.getProperty("java.home"), "release");
        try {
            crc.update(Files.readAllBytes(release));
        } catch (IOException e) {
            add.accept("no release file");
        }
        recommended().forEach(add);
        for (String entry : classPath.split(File.pathSeparator)) {
            Path p = Path.of(entry);
            try {
                add.accept(entry + " " + Files.size(p) + " " + Files.getLastModifiedTime(p).toMillis());
            } catch (IOException e) {
                add.accept(entry + " missing");
            }
        }
        return String.format("%08x", crc.getValue());
    }
}
