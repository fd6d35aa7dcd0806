package io.mycelium.cli.repo;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import com.fasterxml.jackson.databind.JsonNode;
import io.mycelium.cli.CliRun;
import io.mycelium.cli.ExitCode;
import io.mycelium.cli.Fixture;
import io.mycelium.spore.digest.Digest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RepoCommandsTest {
    @TempDir
    Path tmp;

    Fixture f;
    Path spore;
    Path repo;
    Digest digest;

    @BeforeEach
    void setUp() throws Exception {
        f = new Fixture(tmp);
        spore = f.packed();
        repo = tmp.resolve("repo");
        digest = Digest.ofFile(spore);
    }

    private Path blob(Digest d) {
        return repo.resolve("blobs").resolve("sha256").resolve(d.hex());
    }

    @Test
    void putPrintsOnlyTheDigestAndStoresTheBytesUnderIt() throws Exception {
        CliRun r = f.mesh("repo", "put", spore.toString(), "--repo", repo.toString());
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.out()).isEqualTo(digest + "\n");
        assertThat(r.err()).contains("hello@1.0.0");
        assertThat(Files.readAllBytes(blob(digest))).isEqualTo(Files.readAllBytes(spore));
        assertThat(Files.readString(repo.resolve("refs").resolve("hello@1.0.0")).trim()).isEqualTo(digest.toString());
    }

    @Test
    void putIsIdempotentAndSaysSoInJson() {
        JsonNode first = f.mesh("repo", "put", spore.toString(), "--repo", repo.toString(), "-o", "json").json();
        JsonNode second = f.mesh("repo", "put", spore.toString(), "--repo", repo.toString(), "-o", "json").json();
        assertThat(first.get("digest").asText()).isEqualTo(digest.toString()).isEqualTo(second.get("digest").asText());
        assertThat(first.get("alreadyStored").asBoolean()).isFalse();
        assertThat(second.get("alreadyStored").asBoolean()).isTrue();
        assertThat(second.get("ref").asText()).isEqualTo("hello@1.0.0");
        assertThat(second.get("name").asText()).isEqualTo("hello");
    }

    @Test
    void putRefusesAFileThatIsNotASporeAndStoresNothing() throws Exception {
        Path junk = Files.writeString(tmp.resolve("junk.spore"), "not a spore");
        CliRun r = f.mesh("repo", "put", junk.toString(), "--repo", repo.toString());
        assertThat(r.code()).isEqualTo(ExitCode.REJECTED);
        assertThat(r.errLines()).hasSize(1);
        assertThat(r.err()).contains(junk.toString());
        assertThat(repo).doesNotExist();
    }

    @Test
    void putWithTrustRefusesAnUntrustedSpore() throws Exception {
        Path empty = Files.createDirectories(tmp.resolve("other-trust"));
        Files.copy(f.root.resolve("keys").resolve("stranger.pub"), empty.resolve("stranger.pub"));
        CliRun r = f.mesh("repo", "put", spore.toString(), "--repo", repo.toString(), "--trust", empty.toString());
        assertThat(r.code()).isEqualTo(ExitCode.REJECTED);
        assertThat(r.err()).contains("UNTRUSTED_SIGNER");
        assertThat(blob(digest)).doesNotExist();
    }

    @Test
    void putWithBothRefOptionsIsAUsageError() {
        CliRun r = f.mesh("repo", "put", spore.toString(), "--repo", repo.toString(), "--ref", "x", "--no-ref");
        assertThat(r.code()).isEqualTo(ExitCode.USAGE);
        assertThat(r.errLines()).hasSize(1);
    }

    @Test
    void lsListsDigestSizeAppAndRefs() throws Exception {
        f.mesh("repo", "put", spore.toString(), "--repo", repo.toString());
        CliRun table = f.mesh("repo", "ls", "--repo", repo.toString());
        assertThat(table.code()).isZero();
        assertThat(table.out().lines().toList()).hasSize(2);
        assertThat(table.out()).contains("DIGEST").contains(digest.toString()).contains("hello@1.0.0");

        JsonNode j = f.mesh("repo", "ls", "--repo", repo.toString(), "-o", "json").json();
        assertThat(j.isArray()).isTrue();
        assertThat(j).hasSize(1);
        assertThat(j.get(0).get("digest").asText()).isEqualTo(digest.toString());
        assertThat(j.get(0).get("size").asLong()).isEqualTo(Files.size(spore));
        assertThat(j.get(0).get("name").asText()).isEqualTo("hello");
        assertThat(j.get(0).get("version").asText()).isEqualTo("1.0.0");
        assertThat(j.get(0).get("refs").get(0).asText()).isEqualTo("hello@1.0.0");
    }

    @Test
    void readingCommandsOnADirectoryThatIsNotARepoAreOneLine() {
        for (String[] args : new String[][] {
                {"repo", "ls", "--repo", tmp.toString()},
                {"repo", "gc", "--repo", tmp.toString()},
                {"repo", "rm", "abcd", "--repo", tmp.toString()},
                {"repo", "get", "abcd", "--repo", tmp.toString(), "--out", tmp.toString()}}) {
            CliRun r = f.mesh(args);
            assertThat(r.code()).as(String.join(" ", args)).isEqualTo(ExitCode.REJECTED);
            assertThat(r.errLines()).hasSize(1);
            assertThat(r.err()).contains("not a spore repo");
            assertThat(tmp.resolve("blobs")).doesNotExist();
        }
    }

    @Test
    void getFindsASporeByRefPrefixOrDigest() throws Exception {
        f.mesh("repo", "put", spore.toString(), "--repo", repo.toString());
        Path dir = Files.createDirectories(tmp.resolve("fetched"));

        CliRun byRef = f.mesh("repo", "get", "hello@1.0.0", "--repo", repo.toString(), "--out", dir.toString());
        assertThat(byRef.code()).as(byRef.toString()).isZero();
        Path got = dir.resolve("hello-1.0.0.spore");
        assertThat(byRef.out().trim()).isEqualTo(got.toString());
        assertThat(Files.readAllBytes(got)).isEqualTo(Files.readAllBytes(spore));

        Path file = tmp.resolve("by-prefix.spore");
        assertThat(f.mesh("repo", "get", digest.hex().substring(0, 8), "--repo", repo.toString(), "--out", file.toString()).code()).isZero();
        assertThat(Digest.ofFile(file)).isEqualTo(digest);

        Path full = tmp.resolve("by-digest.spore");
        JsonNode j = f.mesh("repo", "get", digest.toString(), "--repo", repo.toString(), "--out", full.toString(), "-o", "json").json();
        assertThat(j.get("digest").asText()).isEqualTo(digest.toString());
        assertThat(j.get("file").asText()).isEqualTo(full.toString());
    }

    @Test
    void getNeverOverwritesWithoutForce() throws Exception {
        f.mesh("repo", "put", spore.toString(), "--repo", repo.toString());
        Path existing = Files.writeString(tmp.resolve("existing.spore"), "mine");
        CliRun r = f.mesh("repo", "get", "hello@1.0.0", "--repo", repo.toString(), "--out", existing.toString());
        assertThat(r.code()).isEqualTo(ExitCode.REJECTED);
        assertThat(r.err()).contains(existing.toString()).contains("--force");
        assertThat(Files.readString(existing)).isEqualTo("mine");

        assertThat(f.mesh("repo", "get", "hello@1.0.0", "--repo", repo.toString(), "--out", existing.toString(), "--force").code()).isZero();
        assertThat(Digest.ofFile(existing)).isEqualTo(digest);
    }

    @Test
    void getOfADamagedBlobFailsAndWritesNothing() throws Exception {
        f.mesh("repo", "put", spore.toString(), "--repo", repo.toString());
        Path b = blob(digest);
        Files.setPosixFilePermissions(b, PosixFilePermissions.fromString("rw-r--r--"));
        byte[] bytes = Files.readAllBytes(b);
        bytes[bytes.length / 2] ^= 0x40;
        Files.write(b, bytes);

        Path out = tmp.resolve("fetched.spore");
        CliRun r = f.mesh("repo", "get", "hello@1.0.0", "--repo", repo.toString(), "--out", out.toString());
        assertThat(r.code()).isEqualTo(ExitCode.REJECTED);
        assertThat(r.errLines()).hasSize(1);
        assertThat(r.err()).contains(digest.toString()).contains("hash");
        assertThat(out).doesNotExist();
        try (var left = Files.list(tmp)) {
            assertThat(left.map(p -> p.getFileName().toString())).noneMatch(n -> n.contains("fetched"));
        }
    }

    @Test
    void unknownNamesAreNotFound() {
        f.mesh("repo", "put", spore.toString(), "--repo", repo.toString());
        CliRun r = f.mesh("repo", "get", "nope@9", "--repo", repo.toString(), "--out", tmp.resolve("x").toString());
        assertThat(r.code()).isEqualTo(ExitCode.REJECTED);
        assertThat(r.errLines()).hasSize(1);
        assertThat(r.err()).contains("nope@9").contains("mesh repo ls");
    }

    @Test
    void rmRemovesTheSporeAndItsRefsButNothingOnATypo() throws Exception {
        f.mesh("repo", "put", spore.toString(), "--repo", repo.toString());

        CliRun typo = f.mesh("repo", "rm", "hello@1.0.0", "helo@1.0.0", "--repo", repo.toString());
        assertThat(typo.code()).isEqualTo(ExitCode.REJECTED);
        assertThat(typo.err()).contains("helo@1.0.0");
        assertThat(blob(digest)).exists();

        CliRun r = f.mesh("repo", "rm", "hello@1.0.0", "--repo", repo.toString(), "-o", "json");
        assertThat(r.code()).isZero();
        assertThat(r.json().get(0).get("digest").asText()).isEqualTo(digest.toString());
        assertThat(r.json().get(0).get("refs").get(0).asText()).isEqualTo("hello@1.0.0");
        assertThat(blob(digest)).doesNotExist();
        assertThat(repo.resolve("refs").resolve("hello@1.0.0")).doesNotExist();
    }

    @Test
    void gcRemovesOnlyUnpinnedSporesAndDryRunRemovesNothing() throws Exception {
        f.mesh("repo", "put", spore.toString(), "--repo", repo.toString());
        Path loose = f.tampered(spore); // different bytes: a different digest, stored without a ref
        assertThat(f.mesh("repo", "put", f.packed().toString(), "--repo", repo.toString()).code()).isZero();
        Files.copy(loose, blob(Digest.ofFile(loose)));
        Digest looseDigest = Digest.ofFile(loose);

        JsonNode dry = f.mesh("repo", "gc", "--repo", repo.toString(), "--dry-run", "-o", "json").json();
        assertThat(dry.get("dryRun").asBoolean()).isTrue();
        assertThat(dry.get("removed")).hasSize(1);
        assertThat(dry.get("removed").get(0).asText()).isEqualTo(looseDigest.toString());
        assertThat(blob(looseDigest)).exists();

        CliRun gc = f.mesh("repo", "gc", "--repo", repo.toString());
        assertThat(gc.code()).isZero();
        assertThat(gc.out()).contains("removed " + looseDigest).contains("1 pinned spore(s) kept");
        assertThat(blob(looseDigest)).doesNotExist();
        assertThat(blob(digest)).exists();
    }

    @Test
    void putWithNoRefLeavesItToGc() {
        assertThat(f.mesh("repo", "put", spore.toString(), "--repo", repo.toString(), "--no-ref").code()).isZero();
        JsonNode gc = f.mesh("repo", "gc", "--repo", repo.toString(), "-o", "json").json();
        assertThat(gc.get("removed").get(0).asText()).isEqualTo(digest.toString());
        assertThat(blob(digest)).doesNotExist();
    }
}
