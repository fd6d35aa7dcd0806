package io.mycelium.dist;

import static org.assertj.core.api.Assertions.assertThat;

import io.mycelium.testing.Ports;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The archive {@code ./mvnw package} makes, as a user on another machine gets it: unpacked with tar,
 * {@code bin/mesh --version} runs from lib/ alone, and a spore packed and verified with the
 * archive's own {@code bin/mesh} (keygen, spore pack of the bundled greeter example, spore verify)
 * is accepted with the right key and rejected with another.
 */
class DistArchiveIT {
    @TempDir
    Path tmp;

    record Run(int code, String out) {
    }

    private Run run(Path dir, String... cmd) throws IOException, InterruptedException {
        Path log = Files.createTempFile(tmp, "run-", ".log");
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(String.join(" ", cmd) + " did not finish in 120 s");
        }
        return new Run(p.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
    }

    /** Unpacks the archive into tmp; its home directory. */
    private Path unpack() throws IOException, InterruptedException {
        Path archive = Path.of(System.getProperty("dist.archive"));
        assertThat(archive).isRegularFile();
        Run untar = run(tmp, "tar", "xzf", archive.toString());
        assertThat(untar.code()).as(untar.out()).isZero();
        return tmp.resolve("mycelium-mesh-" + System.getProperty("dist.version"));
    }

    @Test
    void unpacksAndRunsVersionAndSporeVerify() throws Exception {
        String version = System.getProperty("dist.version");
        Path home = unpack();
        Path mesh = home.resolve("bin/mesh");
        assertThat(Files.isExecutable(mesh)).isTrue();
        assertThat(home.resolve("systemd/mesh-agent.service")).content().contains("Nice=-10").contains("mesh agent --config");
        try (var libs = Files.list(home.resolve("lib"))) {
            List<String> names = libs.map(p -> p.getFileName().toString()).toList();
            assertThat(names).anyMatch(n -> n.startsWith("cli-")).anyMatch(n -> n.startsWith("agent-")).anyMatch(n -> n.startsWith("edge-"));
            assertThat(names).filteredOn(n -> n.startsWith("bc")).hasSize(3);
            // mesh fx: JavaFX's Linux jars (native code inside), the AtlantaFX themes, Monocle for --snapshot without a display
            for (String fx : List.of("javafx-base", "javafx-graphics", "javafx-controls", "javafx-swing")) {
                assertThat(names).as(fx + " for linux").anyMatch(n -> n.startsWith(fx + "-") && n.endsWith("-linux.jar"));
            }
            assertThat(names).anyMatch(n -> n.startsWith("console-fx-")).anyMatch(n -> n.startsWith("atlantafx-base-"))
                    .anyMatch(n -> n.startsWith("openjfx-monocle-"));
            // BouncyCastle without its jar signatures (cli/pom.xml says why), still a multi-release jar
            for (String bc : names.stream().filter(n -> n.startsWith("bc")).toList()) {
                try (java.util.jar.JarFile jar = new java.util.jar.JarFile(home.resolve("lib").resolve(bc).toFile())) {
                    assertThat(jar.stream().map(java.util.jar.JarEntry::getName))
                            .as(bc).noneMatch(n -> n.startsWith("META-INF/") && n.matches(".*\\.(SF|RSA|DSA|EC)"));
                    assertThat(jar.getManifest().getEntries()).as(bc + " per-entry manifest sections").isEmpty();
                    assertThat(jar.isMultiRelease()).as(bc + " multi-release").isTrue();
                }
            }
        }

        Run v = run(tmp, mesh.toString(), "--version");
        assertThat(v.code()).as(v.out()).isZero();
        assertThat(v.out()).contains("mesh " + version);

        Run key = run(tmp, mesh.toString(), "keygen", "--out", "keys", "--name", "pub");
        assertThat(key.code()).as(key.out()).isZero();
        Run other = run(tmp, mesh.toString(), "keygen", "--out", "other", "--name", "pub");
        assertThat(other.code()).as(other.out()).isZero();
        Run pack = run(tmp, mesh.toString(), "spore", "pack", "--manifest", home.resolve("examples/dna/greeter.json").toString(),
                "--key", "keys/pub.key", "--out", "spores", home.resolve("examples/script/greeter.py").toString());
        assertThat(pack.code()).as(pack.out()).isZero();
        Path spore;
        try (var s = Files.list(tmp.resolve("spores"))) {
            spore = s.filter(p -> p.toString().endsWith(".spore")).findFirst().orElseThrow();
        }
        Files.createDirectories(tmp.resolve("trust"));
        Files.copy(tmp.resolve("keys/pub.pub"), tmp.resolve("trust/pub.pub"));
        Files.createDirectories(tmp.resolve("wrong"));
        Files.copy(tmp.resolve("other/pub.pub"), tmp.resolve("wrong/pub.pub"));

        Run ok = run(tmp, mesh.toString(), "spore", "verify", spore.toString(), "--trust", "trust");
        assertThat(ok.code()).as(ok.out()).isZero();
        Run rejected = run(tmp, mesh.toString(), "spore", "verify", spore.toString(), "--trust", "wrong");
        assertThat(rejected.code()).as(rejected.out()).isEqualTo(1);
        assertThat(rejected.out()).doesNotContain("\tat ");
        List<String> lines = new ArrayList<>(rejected.out().lines().toList());
        assertThat(lines).isNotEmpty();
    }

    /**
     * {@code bin/mesh agent} as a user runs it: with lib/agent.jvm-options, no warnings from the
     * JVM or its libraries at start, and a class-data archive written at the first clean stop and
     * used by the next start (its classes come from the archive's top layer).
     */
    @Test
    void theAgentStartsQuietlyAndReusesItsClassDataArchive() throws Exception {
        Path home = unpack();
        Path mesh = home.resolve("bin/mesh");
        assertThat(home.resolve("lib/agent.jvm-options")).content().contains("-Xmx64m");
        assertThat(run(tmp, mesh.toString(), "keygen", "--out", "keys", "--name", "operator").code()).isZero();
        assertThat(run(tmp, mesh.toString(), "fabric", "keygen", "--out", "cluster.key").code()).isZero();
        Files.createDirectories(tmp.resolve("trust"));
        Files.copy(tmp.resolve("keys/operator.pub"), tmp.resolve("trust/operator.pub"));
        Path cds = tmp.resolve("cds");
        int api = Ports.free();
        List<String> cmd = List.of(mesh.toString(), "agent", "--node-id", "solo", "--api-port", String.valueOf(api),
                "--fabric-port", String.valueOf(Ports.free()), "--data-dir", tmp.resolve("data").toString(),
                "--cluster-key", "cluster.key", "--operator-trust", "trust", "--publisher-trust", "trust", "--mdns-interface", "none");

        String first = runAgentUntilReady(cmd, api, cds, "", tmp.resolve("agent-1.log"));
        assertThat(first).contains("agent solo ready").doesNotContain("WARNING").doesNotContain("SLF4J").doesNotContain("[error]");
        try (var files = Files.list(cds)) {
            assertThat(files.filter(f -> f.getFileName().toString().matches("agent-\\d+\\.classlist")).toList())
                    .as("the first start records its class list (no running JVM writes an archive)")
                    .hasSize(1).allMatch(f -> f.toFile().length() > 10_000);
        }

        Path classes = tmp.resolve("classes.log");
        String second = runAgentUntilReady(cmd, api, cds, "-Xlog:class+load=info:file=" + classes, tmp.resolve("agent-2.log"));
        assertThat(second).contains("agent solo ready").doesNotContain("WARNING").doesNotContain("[error]");
        try (var files = Files.list(cds)) {
            assertThat(files.filter(f -> f.getFileName().toString().matches("agent-\\d+\\.jsa")).toList())
                    .as("the second start made a static archive from the list, in a JVM of its own")
                    .hasSize(1).allMatch(f -> f.toFile().length() > 1_000_000);
        }
        assertThat(Files.readAllLines(classes)).as("the agent's classes come from the archive")
                .anyMatch(l -> l.contains("io.mycelium.agent.daemon.Agent source: shared objects file"));
    }

    /** Starts the agent, waits for /health/ready, stops it with TERM by its PID; its output. */
    private String runAgentUntilReady(List<String> cmd, int api, Path cds, String javaOpts, Path log) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(tmp.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("MESH_CDS_DIR", cds.toString());
        pb.environment().put("MESH_JAVA_OPTS", javaOpts);
        Process p = pb.start();
        try {
            java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
            java.net.URI ready = java.net.URI.create("http://127.0.0.1:" + api + "/health/ready");
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(90)).pollInterval(java.time.Duration.ofMillis(50))
                    .failFast("the agent exited before it was ready (log: " + log + ")", () -> !p.isAlive())
                    .ignoreExceptions().until(() -> {
                        return http.send(java.net.http.HttpRequest.newBuilder(ready).build(),
                                java.net.http.HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
                    });
        } finally {
            p.destroy();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                throw new AssertionError("the agent did not stop within 60 s of TERM");
            }
        }
        return Files.readString(log);
    }

}
