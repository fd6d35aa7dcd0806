package io.mycelium.cli.spore;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;

import com.fasterxml.jackson.databind.JsonNode;
import io.mycelium.cli.CliRun;
import io.mycelium.cli.ExitCode;
import io.mycelium.cli.Fixture;
import io.mycelium.spore.digest.Digest;
import io.mycelium.spore.key.SigningKey;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SporeCommandsTest {
    @TempDir
    Path tmp;

    Fixture f;

    @BeforeEach
    void setUp() throws Exception {
        f = new Fixture(tmp);
    }

    @Test
    void packPrintsPathDigestSignerAndFiles() throws Exception {
        CliRun r = f.mesh("spore", "pack", "--manifest", f.manifest.toString(), "--key", f.key.toString(),
                "--out", f.out.toString(), f.payload.toString(), "-o", "json");
        assertThat(r.code()).as(r.toString()).isZero();
        Path spore = f.out.resolve("hello-1.0.0.spore");
        JsonNode j = r.json();
        assertThat(j.get("spore").asText()).isEqualTo(spore.toString());
        assertThat(j.get("digest").asText()).isEqualTo(Digest.ofFile(spore).toString());
        assertThat(j.get("name").asText()).isEqualTo("hello");
        assertThat(j.get("version").asText()).isEqualTo("1.0.0");
        assertThat(j.get("signer").asText()).isEqualTo(SigningKey.read(f.key).id().hex());
        assertThat(j.get("files")).hasSize(1);
        assertThat(j.get("files").get(0).get("path").asText()).isEqualTo("hello.sh");
        assertThat(j.get("files").get(0).get("sha256").asText()).isEqualTo(Digest.ofFile(f.payload).toString());
        assertThat(j.get("files").get(0).get("executable").asBoolean()).isTrue();
    }

    @Test
    void verifyAcceptsASporeSignedByATrustedKey() {
        Path spore = f.packed();
        CliRun r = f.mesh("spore", "verify", spore.toString(), "--trust", f.trust.toString());
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.out()).startsWith("verified").contains("hello@1.0.0");
        assertThat(r.err()).isEmpty();

        JsonNode j = f.mesh("spore", "verify", spore.toString(), "--trust", f.trust.toString(), "-o", "json").json();
        assertThat(j.get("verified").asBoolean()).isTrue();
        assertThat(j.get("signer").asText()).isEqualTo(SigningKey.read(f.key).id().hex());
    }

    @Test
    void verifyRejectsASporeSignedByAnUntrustedKey() {
        CliRun pack = f.mesh("spore", "pack", "--manifest", f.manifest.toString(), "--key", f.strangerKey.toString(),
                "--out", f.out.toString(), f.payload.toString());
        assertThat(pack.code()).isZero();
        Path spore = f.out.resolve("hello-1.0.0.spore");

        CliRun r = f.mesh("spore", "verify", spore.toString(), "--trust", f.trust.toString());
        assertThat(r.code()).isEqualTo(ExitCode.REJECTED);
        assertThat(r.out()).isEmpty();
        assertThat(r.errLines()).hasSize(1);
        assertThat(r.err()).contains(spore.toString()).contains("UNTRUSTED_SIGNER").doesNotContain("\tat ");

        CliRun json = f.mesh("spore", "verify", spore.toString(), "--trust", f.trust.toString(), "-o", "json");
        assertThat(json.code()).isEqualTo(ExitCode.REJECTED);
        assertThat(json.json().get("verified").asBoolean()).isFalse();
        assertThat(json.json().get("reason").asText()).isEqualTo("UNTRUSTED_SIGNER");
        assertThat(json.errLines()).hasSize(1);
    }

    @Test
    void verifyRejectsAFlippedPayloadBit() throws Exception {
        Path bad = f.tampered(f.packed());
        CliRun r = f.mesh("spore", "verify", bad.toString(), "--trust", f.trust.toString());
        assertThat(r.code()).isEqualTo(ExitCode.REJECTED);
        assertThat(r.errLines()).hasSize(1);
        assertThat(r.err()).contains(bad.toString()).contains("hello.sh");
    }

    @Test
    void verifyRejectsAFileThatIsNotASpore() throws Exception {
        Path text = Files.writeString(tmp.resolve("notes.spore"), "just some text", StandardCharsets.UTF_8);
        CliRun r = f.mesh("spore", "verify", text.toString(), "--trust", f.trust.toString());
        assertThat(r.code()).isEqualTo(ExitCode.REJECTED);
        assertThat(r.errLines()).hasSize(1);
        assertThat(r.err()).contains(text.toString()).contains("NOT_A_SPORE");
    }

    @Test
    void verifyNamesAMissingSporeFile() {
        Path missing = tmp.resolve("nope.spore");
        CliRun r = f.mesh("spore", "verify", missing.toString(), "--trust", f.trust.toString());
        assertThat(r.code()).isEqualTo(ExitCode.REJECTED);
        assertThat(r.errLines()).hasSize(1);
        assertThat(r.err()).contains(missing.toString());
    }

    @Test
    void trustStoreProblemsAreOneLineNamingTheDirectory() throws Exception {
        Path spore = f.packed();
        Path missing = tmp.resolve("no-trust");
        CliRun r = f.mesh("spore", "verify", spore.toString(), "--trust", missing.toString());
        assertThat(r.code()).isEqualTo(ExitCode.REJECTED);
        assertThat(r.errLines()).hasSize(1);
        assertThat(r.err()).contains(missing.toString()).contains("not a directory");

        Path empty = Files.createDirectories(tmp.resolve("empty-trust"));
        CliRun e = f.mesh("spore", "verify", spore.toString(), "--trust", empty.toString());
        assertThat(e.code()).isEqualTo(ExitCode.REJECTED);
        assertThat(e.err()).contains(empty.toString()).contains("no *.pub keys");

        Files.writeString(empty.resolve("broken.pub"), "-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n");
        CliRun b = f.mesh("spore", "verify", spore.toString(), "--trust", empty.toString());
        assertThat(b.code()).isEqualTo(ExitCode.REJECTED);
        assertThat(b.errLines()).hasSize(1);
        assertThat(b.err()).contains("broken.pub");
    }

    @Test
    void packNamesABadManifestFile() throws Exception {
        Path bad = Files.writeString(tmp.resolve("bad.json"), "{ \"schema_version\": 1, \"identity\": ", StandardCharsets.UTF_8);
        CliRun r = f.mesh("spore", "pack", "--manifest", bad.toString(), "--key", f.key.toString(), "--out", f.out.toString(), f.payload.toString());
        assertThat(r.code()).isEqualTo(ExitCode.REJECTED);
        assertThat(r.errLines()).hasSize(1);
        assertThat(r.err()).contains(bad.toString());
        assertThat(f.out).doesNotExist();
    }

    @Test
    void packNamesAMissingPayloadFileAndWritesNothing() {
        Path missing = tmp.resolve("missing.bin");
        CliRun r = f.mesh("spore", "pack", "--manifest", f.manifest.toString(), "--key", f.key.toString(),
                "--out", f.out.toString(), missing.toString());
        assertThat(r.code()).isEqualTo(ExitCode.REJECTED);
        assertThat(r.errLines()).hasSize(1);
        assertThat(r.err()).contains(missing.toString()).contains("no such file");
        assertThat(f.out).doesNotExist();
    }

    @Test
    void packRefusesAnExecutableThatIsNotTheManifestCommand() throws Exception {
        Path other = Files.writeString(tmp.resolve("other.sh"), "#!/bin/sh\n");
        CliRun r = f.mesh("spore", "pack", "--manifest", f.manifest.toString(), "--key", f.key.toString(),
                "--out", f.out.toString(), other.toString());
        assertThat(r.code()).isEqualTo(ExitCode.REJECTED);
        assertThat(r.errLines()).hasSize(1);
        assertThat(r.err()).contains(f.manifest.toString()).contains("hello.sh").contains("other.sh");
    }

    @Test
    void packNamesAKeyFileThatIsNotAPrivateKey() {
        Path pub = f.trust.resolve("publisher.pub");
        CliRun r = f.mesh("spore", "pack", "--manifest", f.manifest.toString(), "--key", pub.toString(),
                "--out", f.out.toString(), f.payload.toString());
        assertThat(r.code()).isEqualTo(ExitCode.REJECTED);
        assertThat(r.errLines()).hasSize(1);
        assertThat(r.err()).contains(pub.toString()).contains("PRIVATE KEY");
    }

    @Test
    void packWithoutKeyOrFilesIsAUsageError() {
        CliRun noKey = f.mesh("spore", "pack", "--manifest", f.manifest.toString(), "--out", f.out.toString(), f.payload.toString());
        assertThat(noKey.code()).isEqualTo(ExitCode.USAGE);
        assertThat(noKey.errLines()).hasSize(1);
        assertThat(noKey.err()).startsWith("mesh spore pack: ").contains("--key");

        CliRun noFiles = f.mesh("spore", "pack", "--manifest", f.manifest.toString(), "--key", f.key.toString(), "--out", f.out.toString());
        assertThat(noFiles.code()).isEqualTo(ExitCode.USAGE);
        assertThat(noFiles.err()).contains("FILE");
    }

    @Test
    void extractWritesExactlyTheSignedFiles() throws Exception {
        Path spore = f.packed();
        Path to = tmp.resolve("run").resolve("hello");
        CliRun r = f.mesh("spore", "extract", spore.toString(), "--trust", f.trust.toString(), "--to", to.toString(), "-o", "json");
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.json().get("command").asText()).isEqualTo("hello.sh");
        try (var files = Files.list(to)) {
            assertThat(files.map(p -> p.getFileName().toString()).toList()).containsExactly("hello.sh");
        }
        assertThat(Files.readString(to.resolve("hello.sh"))).contains(Fixture.PAYLOAD_MARKER);
        assertThat(Files.getPosixFilePermissions(to.resolve("hello.sh"))).contains(PosixFilePermission.OWNER_EXECUTE);
    }

    @Test
    void extractOfATamperedSporeLeavesNoDirectory() throws Exception {
        Path bad = f.tampered(f.packed());
        Path to = tmp.resolve("run").resolve("bad");
        CliRun r = f.mesh("spore", "extract", bad.toString(), "--trust", f.trust.toString(), "--to", to.toString());
        assertThat(r.code()).isEqualTo(ExitCode.REJECTED);
        assertThat(r.errLines()).hasSize(1);
        assertThat(to).doesNotExist();
        try (var left = Files.list(to.getParent())) {
            assertThat(left.toList()).isEmpty();
        }
    }

    @Test
    void extractRefusesANonEmptyTarget() throws Exception {
        Path spore = f.packed();
        Path to = Files.createDirectories(tmp.resolve("busy"));
        Files.writeString(to.resolve("keep.txt"), "mine");
        CliRun r = f.mesh("spore", "extract", spore.toString(), "--trust", f.trust.toString(), "--to", to.toString());
        assertThat(r.code()).isEqualTo(ExitCode.REJECTED);
        assertThat(r.errLines()).hasSize(1);
        assertThat(r.err()).contains("not empty");
        assertThat(Files.readString(to.resolve("keep.txt"))).isEqualTo("mine");
    }

    @Test
    void inspectShowsTheManifestSignerAndFilesWithoutVerifying() throws Exception {
        CliRun pack = f.mesh("spore", "pack", "--manifest", f.manifest.toString(), "--key", f.strangerKey.toString(),
                "--out", f.out.toString(), f.payload.toString());
        assertThat(pack.code()).isZero();
        Path spore = f.out.resolve("hello-1.0.0.spore");

        CliRun table = f.mesh("spore", "inspect", spore.toString());
        assertThat(table.code()).isZero();
        assertThat(table.out()).contains("NOT verified").contains("hello@1.0.0").contains("SCRIPT").contains("hello.sh")
                .contains(SigningKey.read(f.strangerKey).id().hex()).contains("GREETING=hi");

        JsonNode j = f.mesh("spore", "inspect", spore.toString(), "-o", "json").json();
        assertThat(j.get("verified").asBoolean()).isFalse();
        assertThat(j.get("digest").asText()).isEqualTo(Digest.ofFile(spore).toString());
        assertThat(j.get("claimedSigners").get(0).asText()).isEqualTo(SigningKey.read(f.strangerKey).id().hex());
        assertThat(j.get("manifest").get("identity").get("name").asText()).isEqualTo("hello");
        assertThat(j.get("manifest").get("future_field").get("kept").asBoolean()).isTrue();
        assertThat(j.get("files").get(0).get("path").asText()).isEqualTo("hello.sh");
    }

    @Test
    void inspectRejectsAFileThatIsNotASpore() throws Exception {
        Path text = Files.writeString(tmp.resolve("x.spore"), "hello");
        CliRun r = f.mesh("spore", "inspect", text.toString());
        assertThat(r.code()).isEqualTo(ExitCode.REJECTED);
        assertThat(r.errLines()).hasSize(1);
        assertThat(r.err()).contains(text.toString());
    }
}
