package io.mycelium.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code ./mesh} script end to end, after packaging (failsafe): it finds a JDK, runs the
 * built CLI, and {@code ./mesh up} packs, publishes and verifies the real example jars; the
 * extracted billing spore then runs and answers on loopback.
 */
class MeshScriptIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @TempDir
    Path tmp;

    static Path repoRoot() {
        String prop = System.getProperty("mesh.repo.root");
        Path root = prop != null ? Path.of(prop) : Path.of(System.getProperty("user.dir")).getParent();
        return root.toAbsolutePath();
    }

    record Run(int code, String out, String err) {
    }

    private Run mesh(Map<String, String> env, String... args) throws Exception {
        List<String> cmd = new java.util.ArrayList<>(List.of(repoRoot().resolve("mesh").toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(tmp.toFile());
        pb.environment().put("MESH_NO_BUILD", "1"); // the jar was just packaged by this build
        pb.environment().putAll(env);
        Path out = tmp.resolve("stdout.txt");
        Path err = tmp.resolve("stderr.txt");
        pb.redirectOutput(out.toFile()).redirectError(err.toFile());
        Process p = pb.start();
        try {
            if (!p.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                throw new AssertionError("./mesh " + String.join(" ", args) + " did not finish in " + TIMEOUT);
            }
        } finally {
            if (p.isAlive()) {
                p.destroyForcibly();
                p.waitFor(10, TimeUnit.SECONDS);
            }
        }
        return new Run(p.exitValue(), Files.readString(out), Files.readString(err));
    }

    @Test
    void versionAndUsageExitCodes() throws Exception {
        Run v = mesh(Map.of(), "--version");
        assertThat(v.code()).as(v.err()).isZero();
        assertThat(v.out()).startsWith("mesh 0.").contains("Java ");

        Run usage = mesh(Map.of(), "keygen");
        assertThat(usage.code()).isEqualTo(2);
        assertThat(usage.err().lines().toList()).hasSize(1);
    }

    @Test
    void withoutAJdk21ItSaysWhatToInstall() throws Exception {
        Run r = mesh(Map.of("JAVA_HOME", "/nonexistent", "MESH_JVM_ROOT", tmp.resolve("no-jvms").toString(),
                "PATH", "/nonexistent-bin:/bin"), "--version");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("no JDK 21 or newer").contains("install");
    }

    @Test
    void upPublishesTheRealExamplesAndTheBillingSporeRuns() throws Exception {
        Path work = tmp.resolve("work");
        Run up = mesh(Map.of(), "up", "--prepare-only", "--dir", work.toString());
        assertThat(up.code()).as(up.out() + up.err()).isZero();
        assertThat(up.out()).contains("ready: 6 spores");

        Run again = mesh(Map.of(), "up", "--prepare-only", "--dir", work.toString());
        assertThat(again.code()).isZero();
        assertThat(again.out()).contains("reused").contains("up to date").doesNotContain("packed ");

        Path run = tmp.resolve("run-billing");
        Run extract = mesh(Map.of(), "spore", "extract", work.resolve("spores/billing-1.0.0.spore").toString(),
                "--trust", work.resolve("trust").toString(), "--to", run.toString());
        assertThat(extract.code()).as(extract.err()).isZero();

        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-XX:+UseSerialGC", "-jar", run.resolve("billing.jar").toString())
                .redirectErrorStream(true);
        pb.environment().put("PORT", "0");
        pb.environment().put("MYCELIUM_INSTANCE", "billing-it");
        Process billing = pb.start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(billing.getInputStream(), StandardCharsets.UTF_8));
            String line = CompletableFuture.supplyAsync(() -> {
                try {
                    return String.valueOf(out.readLine());
                } catch (IOException e) {
                    return e.toString();
                }
            }).get(30, TimeUnit.SECONDS);
            Matcher m = Pattern.compile(".* listening on (http://127\\.0\\.0\\.1:\\d+)").matcher(line);
            assertThat(m.matches()).as(line).isTrue();
            HttpResponse<String> hello = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create(m.group(1) + "/hello")).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(hello.body()).contains("\"app\":\"billing\"").contains("\"instance\":\"billing-it\"");
        } finally {
            billing.destroy();
            if (!billing.waitFor(10, TimeUnit.SECONDS)) {
                billing.destroyForcibly();
                billing.waitFor(10, TimeUnit.SECONDS);
            }
        }
    }
}
