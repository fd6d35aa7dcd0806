package io.mycelium.cli.keys;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;

import com.fasterxml.jackson.databind.JsonNode;
import io.mycelium.cli.CliRun;
import io.mycelium.cli.ExitCode;
import io.mycelium.spore.key.SigningKey;
import io.mycelium.spore.key.VerifyingKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeygenCommandTest {
    @TempDir
    Path tmp;

    @Test
    void writesAPairThatSignsAndVerifies() {
        Path dir = tmp.resolve("keys");
        CliRun r = CliRun.run(tmp, "keygen", "--out", dir.toString());
        assertThat(r.code()).as(r.toString()).isZero();

        SigningKey key = SigningKey.read(dir.resolve("publisher.key"));
        VerifyingKey pub = VerifyingKey.read(dir.resolve("publisher.pub"));
        byte[] msg = "hello".getBytes(StandardCharsets.UTF_8);
        assertThat(pub.verify(msg, key.sign(msg))).isTrue();
        assertThat(r.out()).contains(key.id().hex()).contains("publisher.key").contains("publisher.pub");
    }

    @Test
    void privateKeyIsOwnerOnly() throws Exception {
        CliRun r = CliRun.run(tmp, "keygen", "--out", tmp.toString(), "--name", "alice");
        assertThat(r.code()).isZero();
        assertThat(Files.getPosixFilePermissions(tmp.resolve("alice.key")))
                .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
    }

    @Test
    void jsonNamesTheFilesAndTheKeyId() {
        CliRun r = CliRun.run(tmp, "keygen", "--out", tmp.toString(), "--name", "ci", "-o", "json");
        assertThat(r.code()).isZero();
        JsonNode j = r.json();
        assertThat(j.get("name").asText()).isEqualTo("ci");
        assertThat(j.get("keyId").asText()).isEqualTo(SigningKey.read(tmp.resolve("ci.key")).id().hex());
        assertThat(j.get("privateKey").asText()).isEqualTo(tmp.resolve("ci.key").toString());
        assertThat(j.get("publicKey").asText()).isEqualTo(tmp.resolve("ci.pub").toString());
    }

    @Test
    void neverOverwritesAKey() throws Exception {
        assertThat(CliRun.run(tmp, "keygen", "--out", tmp.toString()).code()).isZero();
        String before = Files.readString(tmp.resolve("publisher.key"));

        CliRun again = CliRun.run(tmp, "keygen", "--out", tmp.toString());
        assertThat(again.code()).isEqualTo(ExitCode.REJECTED);
        assertThat(again.errLines()).hasSize(1);
        assertThat(again.err()).contains(tmp.resolve("publisher.key").toString()).contains("already exists");
        assertThat(Files.readString(tmp.resolve("publisher.key"))).isEqualTo(before);
    }

    @Test
    void rejectsANameThatIsAPath() {
        CliRun r = CliRun.run(tmp, "keygen", "--out", tmp.toString(), "--name", "../evil");
        assertThat(r.code()).isEqualTo(ExitCode.USAGE);
        assertThat(r.errLines()).hasSize(1);
        assertThat(r.err()).contains("--name").contains("../evil");
        assertThat(tmp.getParent().resolve("evil.key")).doesNotExist();
    }

    @Test
    void opensslAcceptsOurKeys() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(onPath("openssl"), "openssl is not installed (apt-get install openssl)");
        assertThat(CliRun.run(tmp, "keygen", "--out", tmp.toString()).code()).isZero();
        Process p = new ProcessBuilder("openssl", "pkey", "-in", tmp.resolve("publisher.key").toString(), "-pubout")
                .redirectErrorStream(true).start();
        String derived = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
        assertThat(p.waitFor()).isZero();
        assertThat(derived.strip()).isEqualTo(Files.readString(tmp.resolve("publisher.pub")).strip());
    }

    static boolean onPath(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return false;
    }
}
