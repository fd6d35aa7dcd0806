package io.mycelium.agent.daemon;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Objects;
import javax.management.JMException;
import javax.management.ObjectName;

/**
 * The agent's class-data archive (AppCDS), written by the agent itself once it is up and quiet,
 * never by the JVM at exit.
 *
 * <p>Why not {@code -XX:+AutoCreateSharedArchive}: that writes the archive when the JVM exits,
 * whatever it was doing. An agent stopped while still starting (Ctrl-C on {@code mesh up} in its
 * first seconds) wrote an archive that the next start then crashed on (SIGSEGV in
 * {@code LambdaProxyClassDictionary::find_lambda_proxy_class}, Temurin 25.0.3; reproduced by
 * {@code INTERRUPT=6 bench/up-repeat.sh}, docs/BENCHMARKS.md). So a launcher that finds no
 * archive starts the JVM with {@code -XX:+RecordDynamicDumpInfo} and
 * {@code -Dmycelium.cds.archive=PATH} ({@link AgentJvmOptions#appCds}); the agent, some seconds
 * after it is ready, asks its own JVM for the dump ({@code VM.cds dynamic_dump}, what {@code jcmd}
 * does) into a temporary file of its own and renames it to PATH. A reader sees no archive or a
 * whole one; two agents never write the same file; a stop mid-dump leaves only the temporary file.
 */
public final class ClassDataArchive {
    /** The system property naming the archive to write; set by the launcher only when it is missing. */
    public static final String PROPERTY = "mycelium.cds.archive";
    /** Time after ready before the dump: the first reconcile and its classes have run by then. */
    static final Duration SETTLE = Duration.ofSeconds(5);

    private ClassDataArchive() {
    }

    /**
     * When the launcher asked for an archive ({@value #PROPERTY}), writes it on a daemon thread
     * {@link #SETTLE} from now; otherwise does nothing. Never fails the agent: a dump that does
     * not work is one line on stderr, and the next start tries again.
     */
    public static void writeLaterIfAsked() {
        String path = System.getProperty(PROPERTY);
        if (path == null || path.isBlank()) {
            return;
        }
        Thread t = new Thread(() -> {
            try {
                Thread.sleep(SETTLE);
                write(Path.of(path));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (IOException | JMException | RuntimeException e) {
                System.err.println("agent: class-data archive " + path + " not written (" + e.getMessage()
                        + "); the agent runs as well without it, and its next start tries again");
            }
        }, "agent-cds-archive");
        t.setDaemon(true);
        t.start();
    }

    /** Deletes the temporary files of dumps whose JVM is gone (stopped while dumping). */
    private static void removeAbandoned(Path dir, String tmpPrefix) throws IOException {
        try (var files = Files.list(dir)) {
            for (Path f : files.filter(f -> f.getFileName().toString().startsWith(tmpPrefix)).toList()) {
                String pid = f.getFileName().toString().substring(tmpPrefix.length());
                boolean alive = pid.chars().allMatch(Character::isDigit) && !pid.isEmpty()
                        && ProcessHandle.of(Long.parseLong(pid)).map(ProcessHandle::isAlive).orElse(false);
                if (!alive) {
                    Files.deleteIfExists(f);
                }
            }
        }
    }

    /** Dumps this JVM's loaded classes into {@code archive}, atomically (temporary file, then rename). */
    static void write(Path archive) throws IOException, JMException {
        Objects.requireNonNull(archive, "archive");
        Path target = archive.toAbsolutePath();
        String tmpPrefix = target.getFileName() + ".tmp-";
        removeAbandoned(target.getParent(), tmpPrefix);
        Path tmp = target.resolveSibling(tmpPrefix + ProcessHandle.current().pid());
        try {
            ManagementFactory.getPlatformMBeanServer().invoke(new ObjectName("com.sun.management:type=DiagnosticCommand"),
                    "vmCds", new Object[] {new String[] {"dynamic_dump", tmp.toString()}}, new String[] {String[].class.getName()});
            if (!Files.isRegularFile(tmp) || Files.size(tmp) == 0) {
                throw new IOException("the JVM wrote no archive (was it started with -XX:+RecordDynamicDumpInfo?)");
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                throw new IOException("cannot rename " + tmp + " to " + target + " atomically; put MESH_CDS_DIR on a local file system", e);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
