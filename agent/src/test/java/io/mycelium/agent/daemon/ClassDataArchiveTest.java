package io.mycelium.agent.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import io.mycelium.testing.ChildJvm;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClassDataArchiveTest {
    private static final List<String> FLAGS = List.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xshare:auto");

    @TempDir
    Path temp;

    @Test
    void aFirstStartRecordsTheNextMakesTheArchiveAndLoadsItsClassesFromIt() throws Exception {
        String cp = probeJar().toString();
        Path cds = Files.createDirectories(temp.resolve("cds"));

        List<String> record = ClassDataArchive.flags(cds, "probe", cp, FLAGS);
        assertThat(record).hasSize(1).allMatch(f -> f.startsWith("-XX:DumpLoadedClassList=" + cds.toAbsolutePath()));
        Run first = java(cp, record);
        assertThat(first.code()).as(first.out()).isZero();
        assertThat(files(cds)).singleElement().asString().matches("probe-[0-9a-f]{8}\\.classlist");

        List<String> load = ClassDataArchive.flags(cds, "probe", cp, FLAGS);
        assertThat(load).hasSize(2).anyMatch(f -> f.matches("-XX:SharedArchiveFile=.*/probe-[0-9a-f]{8}\\.jsa"));
        assertThat(files(cds)).singleElement().asString().endsWith(".jsa");

        List<String> strict = new ArrayList<>(load);
        strict.addAll(List.of("-Xshare:on", "-Xlog:class+load=info"));
        Run second = java(cp, strict);
        assertThat(second.code()).as(second.out()).isZero();
        assertThat(second.out()).contains("probe ran")
                .contains(ClassDataArchiveProbe.class.getName() + " source: shared objects file");
        assertThat(ClassDataArchive.flags(cds, "probe", cp, FLAGS)).isEqualTo(load);
    }

    @Test
    void aListThatCannotBeDumpedIsDroppedAndTheNextStartRecordsAgain() throws IOException {
        String cp = probeJar().toString();
        Path list = Path.of(ClassDataArchive.flags(temp, "probe", cp, FLAGS).get(0).substring("-XX:DumpLoadedClassList=".length()));
        Files.writeString(list, "this is not a class list\n");
        List<String> after = ClassDataArchive.flags(temp, "probe", cp, FLAGS);
        assertThat(after).containsExactly("-XX:DumpLoadedClassList=" + list);
        assertThat(files(temp)).noneMatch(n -> n.endsWith(".jsa") || n.contains(".tmp-") || n.endsWith(".classlist"));
    }

    @Test
    void theFingerprintChangesWithTheJarsAndTheFlags() throws IOException {
        Path jar = probeJar();
        String before = ClassDataArchive.fingerprint(jar.toString(), FLAGS);
        assertThat(ClassDataArchive.fingerprint(jar.toString(), FLAGS)).isEqualTo(before);
        assertThat(ClassDataArchive.fingerprint(jar.toString(), List.of("-XX:+UseParallelGC"))).isNotEqualTo(before);
        Files.write(jar, new byte[] {1}, StandardOpenOption.APPEND);
        assertThat(ClassDataArchive.fingerprint(jar.toString(), FLAGS)).isNotEqualTo(before);
    }

    private record Run(int code, String out) {
    }

    private static List<String> files(Path dir) throws IOException {
        try (var s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).filter(n -> !n.startsWith("run") && !n.equals("probe.jar")).sorted().toList();
        }
    }

    /** A jar of the probe: CDS archives classes from jars, not from directories. */
    private Path probeJar() throws IOException {
        Path jar = temp.resolve("probe.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            String name = ClassDataArchiveProbe.class.getName().replace('.', '/') + ".class";
            out.putNextEntry(new JarEntry(name));
            try (InputStream in = ClassDataArchiveProbe.class.getClassLoader().getResourceAsStream(name)) {
                in.transferTo(out);
            }
            out.closeEntry();
        }
        return jar;
    }

    private Run java(String cp, List<String> cdsFlags) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(ChildJvm.java());
        cmd.addAll(FLAGS);
        cmd.addAll(cdsFlags);
        cmd.addAll(List.of("-cp", cp, ClassDataArchiveProbe.class.getName()));
        Path log = Files.createTempFile(temp, "run", ".log");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("probe JVM exited within 60 s").isTrue();
            return new Run(p.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
        } finally {
            p.destroyForcibly();
        }
    }
}
