package io.mycelium.agent.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClassDataArchiveTest {
    @TempDir
    Path temp;

    @Test
    void aJvmWritesItsOwnArchiveAtomicallyAndTheNextStartLoadsItsClassesFromIt() throws Exception {
        Path jar = probeJar();
        Path archive = temp.resolve("cds").resolve("probe.jsa");
        Files.createDirectories(archive.getParent());

        Run written = java(jar, List.of("-XX:+RecordDynamicDumpInfo", "-Xlog:cds*=off"), "write", archive.toString());
        assertThat(written.code()).as(written.out()).isZero();
        assertThat(archive).isRegularFile();
        try (var left = Files.list(archive.getParent())) {
            assertThat(left.map(p -> p.getFileName().toString())).containsExactly("probe.jsa");
        }

        Run loaded = java(jar, List.of("-XX:SharedArchiveFile=" + archive, "-Xshare:on", "-Xlog:class+load=info"), "run");
        assertThat(loaded.code()).as(loaded.out()).isZero();
        assertThat(loaded.out()).contains("probe ran")
                .contains(ClassDataArchiveProbe.class.getName() + " source: shared objects file (top)");
    }

    @Test
    void withoutTheRecordingFlagNothingIsWrittenAndTheErrorSaysWhy() throws Exception {
        Path jar = probeJar();
        Path archive = temp.resolve("probe.jsa");
        Run r = java(jar, List.of("-Xlog:cds*=off"), "write", archive.toString());
        assertThat(r.code()).isNotZero();
        assertThat(r.out()).contains("RecordDynamicDumpInfo");
        assertThat(archive).doesNotExist();
        try (var left = Files.list(temp)) {
            assertThat(left.map(p -> p.getFileName().toString())).noneMatch(n -> n.contains(".tmp-"));
        }
    }

    @Test
    void theAppCdsFlagsLoadAnArchiveThatExistsAndAskForOneThatDoesNot() throws IOException {
        String cp = probeJar().toString();
        List<String> missing = AgentJvmOptions.appCds(temp, "agent-1", cp);
        assertThat(missing).contains("-XX:+RecordDynamicDumpInfo").noneMatch(f -> f.contains("AutoCreateSharedArchive"));
        String property = missing.stream().filter(f -> f.startsWith("-D" + ClassDataArchive.PROPERTY + "=")).findFirst().orElseThrow();
        Path archive = Path.of(property.substring(property.indexOf('=') + 1));
        assertThat(archive.getParent()).isEqualTo(temp.toAbsolutePath());
        assertThat(archive.getFileName().toString()).matches("agent-1-[0-9a-f]{8}\\.jsa");

        Files.writeString(archive, "an archive");
        assertThat(AgentJvmOptions.appCds(temp, "agent-1", cp)).containsExactly("-XX:SharedArchiveFile=" + archive, "-Xlog:cds*=off");
    }

    @Test
    void theFingerprintChangesWithTheJarsOnTheClassPath() throws IOException {
        Path jar = probeJar();
        String before = AgentJvmOptions.fingerprint(jar.toString());
        assertThat(AgentJvmOptions.fingerprint(jar.toString())).isEqualTo(before);
        Files.write(jar, new byte[] {1}, java.nio.file.StandardOpenOption.APPEND);
        assertThat(AgentJvmOptions.fingerprint(jar.toString())).isNotEqualTo(before);
    }

    private record Run(int code, String out) {
    }

    /** A jar of the probe and the class under test: CDS archives classes from jars, not directories. */
    private Path probeJar() throws IOException {
        Path jar = temp.resolve("probe.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            for (Class<?> c : List.of(ClassDataArchive.class, ClassDataArchiveProbe.class)) {
                String name = c.getName().replace('.', '/') + ".class";
                out.putNextEntry(new JarEntry(name));
                try (InputStream in = c.getClassLoader().getResourceAsStream(name)) {
                    in.transferTo(out);
                }
                out.closeEntry();
            }
        }
        return jar;
    }

    private Run java(Path jar, List<String> flags, String... args) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(flags);
        cmd.addAll(List.of("-Xshare:auto", "-XX:TieredStopAtLevel=1", "-cp", jar.toString(), ClassDataArchiveProbe.class.getName()));
        cmd.addAll(List.of(args));
        Path log = Files.createTempFile(temp, "probe", ".log");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("probe JVM exited within 60 s").isTrue();
            return new Run(p.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
        } finally {
            p.destroyForcibly();
        }
    }
}
