package io.mycelium.dist;

import static org.assertj.core.api.Assertions.assertThat;

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

    @Test
    void unpacksAndRunsVersionAndSporeVerify() throws Exception {
        Path archive = Path.of(System.getProperty("dist.archive"));
        String version = System.getProperty("dist.version");
        assertThat(archive).isRegularFile();
        Run untar = run(tmp, "tar", "xzf", archive.toString());
        assertThat(untar.code()).as(untar.out()).isZero();
        Path home = tmp.resolve("mycelium-mesh-" + version);
        Path mesh = home.resolve("bin/mesh");
        assertThat(Files.isExecutable(mesh)).isTrue();
        assertThat(home.resolve("systemd/mesh-agent.service")).content().contains("Nice=-10").contains("mesh agent --config");
        try (var libs = Files.list(home.resolve("lib"))) {
            List<String> names = libs.map(p -> p.getFileName().toString()).toList();
            assertThat(names).anyMatch(n -> n.startsWith("cli-")).anyMatch(n -> n.startsWith("agent-")).anyMatch(n -> n.startsWith("edge-"));
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
}
