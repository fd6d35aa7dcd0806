package io.mycelium.agent.daemon;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32;

/**
 * A JVM's class-data archive (AppCDS), made the classic way in three steps so that no running
 * program ever writes one: a first start records the classes it loads ({@code
 * -XX:DumpLoadedClassList}, a plain list, written as they load); the next start first makes a
 * static archive from that list in a JVM of its own ({@code -Xshare:dump}, which runs no program
 * code), into a temporary file renamed into place; every start after that maps it. A reader sees
 * no archive or a whole one; a list cut short by a stop makes a smaller archive or none.
 *
 * <p>Why not {@code -XX:+AutoCreateSharedArchive} (or a {@code jcmd VM.cds dynamic_dump}): both dump
 * a dynamic archive inside the running program, and on Temurin 25.0.3 a thread that links a
 * lambda after (or while) its JVM dumped one dies with SIGSEGV in
 * {@code LambdaProxyClassDictionary::find_lambda_proxy_class}. That is how {@code mesh up}'s agents
 * crashed when stopped during their start (the dump at exit raced the still-starting main thread),
 * and how they crashed a few seconds after an in-process dump (docs/BENCHMARKS.md, "The CDS crash").
 */
public final class ClassDataArchive {
    private static final long DUMP_TIMEOUT_SECONDS = 180;

    private ClassDataArchive() {
    }

    /**
     * The flags for the archive named {@code name} in {@code dir} (which must exist) of a JVM run
     * with {@code jvmFlags} on {@code classPath}: map it if it exists; else make it from the class
     * list of an earlier start, if there is one (this blocks a few seconds, once); else record the
     * list. The file names carry a {@link #fingerprint} of this Java, the flags and the jars, so an
     * upgrade of any makes new ones instead of a stale match. A dump that fails costs nothing but
     * the archive: the list is deleted and the next start records it again.
     */
    public static List<String> flags(Path dir, String name, String classPath, List<String> jvmFlags) {
        String base = name + "-" + fingerprint(classPath, jvmFlags);
        Path archive = dir.toAbsolutePath().resolve(base + ".jsa");
        Path list = dir.toAbsolutePath().resolve(base + ".classlist");
        if (!Files.isRegularFile(archive) && Files.isRegularFile(list)) {
            try {
                dump(list, archive, classPath, jvmFlags);
            } catch (IOException e) {
                System.err.println("class-data archive " + archive + " not made (" + e.getMessage() + "); starting without it");
            }
            deleteQuietly(list);
        }
        if (Files.isRegularFile(archive)) {
            // -Xlog:cds=off: an archive that no longer matches is then skipped quietly
            return List.of("-XX:SharedArchiveFile=" + archive, "-Xlog:cds=off");
        }
        return List.of("-XX:DumpLoadedClassList=" + list);
    }

    /** Makes {@code archive} from {@code list} in a JVM of its own, atomically (temporary file, then rename). */
    static void dump(Path list, Path archive, String classPath, List<String> jvmFlags) throws IOException {
        Path tmp = archive.resolveSibling(archive.getFileName() + ".tmp-" + ProcessHandle.current().pid());
        Path log = archive.resolveSibling(archive.getFileName() + ".log");
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        jvmFlags.stream().filter(f -> !f.startsWith("-Xshare")).forEach(cmd::add);
        cmd.addAll(List.of("-Xshare:dump", "-XX:SharedClassListFile=" + list, "-XX:SharedArchiveFile=" + tmp, "-cp", classPath));
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            if (!p.waitFor(DUMP_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException("java -Xshare:dump took more than " + DUMP_TIMEOUT_SECONDS + " s");
            }
            if (p.exitValue() != 0 || !Files.isRegularFile(tmp)) {
                throw new IOException("java -Xshare:dump exited " + p.exitValue() + "; its output is in " + log);
            }
            Files.move(tmp, archive, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            deleteQuietly(log);
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException("cannot rename " + tmp + " to " + archive + " atomically; keep archives on a local file system", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while making it", e);
        } finally {
            deleteQuietly(tmp);
        }
    }

    /**
     * 8 hex digits over what an archive is valid for: this JVM's version and {@code release}
     * file, the flags, and each class path entry's name, size and modification time.
     */
    static String fingerprint(String classPath, List<String> jvmFlags) {
        Objects.requireNonNull(classPath, "classPath");
        CRC32 crc = new CRC32();
        java.util.function.Consumer<String> add = s -> crc.update((s + "\n").getBytes(StandardCharsets.UTF_8));
        add.accept(Runtime.version().toString());
        try {
            crc.update(Files.readAllBytes(Path.of(System.getProperty("java.home"), "release")));
        } catch (IOException e) {
            add.accept("no release file");
        }
        jvmFlags.forEach(add);
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

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException e) {
            // a leftover temporary file or log; the next dump replaces it
        }
    }
}
