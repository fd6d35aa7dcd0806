package io.mycelium.spore.pack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.node.TextNode;

import io.mycelium.spore.digest.Digest;
import io.mycelium.spore.extract.SporeExtractor;
import io.mycelium.spore.key.SigningKey;
import io.mycelium.spore.key.TrustStore;
import io.mycelium.spore.manifest.Manifest;
import io.mycelium.spore.manifest.ManifestCodec;
import io.mycelium.spore.manifest.PayloadFile;
import io.mycelium.spore.verify.RejectReason;
import io.mycelium.spore.verify.SporeFixtures;
import io.mycelium.spore.verify.SporeInfo;
import io.mycelium.spore.verify.SporeRejectedException;
import io.mycelium.spore.verify.SporeVerifier;
import io.mycelium.spore.verify.VerifiedSpore;

class SporePackerTest {
    @TempDir
    Path dir;

    private Path file(String name, String content) throws IOException {
        Path p = dir.resolve("src").resolve(name);
        Files.createDirectories(p.getParent());
        Files.writeString(p, content, StandardCharsets.UTF_8);
        return p;
    }

    @Test
    void packedSporeVerifiesAndExtractsToExactlyItsFiles() throws Exception {
        Path exe = file("run.sh", "#!/bin/sh\necho hi\n");
        Path conf = file("app.properties", "greeting=hi\n");
        Path sbom = file("sbom.cdx.json", "{\"bomFormat\":\"CycloneDX\",\"specVersion\":\"1.5\"}");
        PackedSpore packed = SporePacker.pack(SporeFixtures.template(), List.of(exe, conf), sbom, SporeFixtures.PUBLISHER, dir.resolve("out"));

        assertThat(packed.path()).isEqualTo(dir.resolve("out/billing-1.0.0.spore"));
        assertThat(packed.digest()).isEqualTo(Digest.ofFile(packed.path()));
        Manifest m = packed.manifest();
        assertThat(m.runtime().command()).isEqualTo("run.sh");
        assertThat(m.files()).extracting(PayloadFile::path).containsExactly("run.sh", "app.properties");
        assertThat(m.files().get(0).executable()).isTrue();
        assertThat(m.files().get(1).digest()).isEqualTo(Digest.ofFile(conf));
        assertThat(m.sbom().file().size()).isEqualTo(Files.size(sbom));

        VerifiedSpore v = SporeVerifier.verify(packed.path(), SporeFixtures.TRUST);
        assertThat(v.signer()).isEqualTo(SporeFixtures.PUBLISHER.id());
        assertThat(v.manifest()).isEqualTo(m);
        assertThat(v.digest()).isEqualTo(packed.digest());
        assertThat(v.manifestBytes()).isEqualTo(ManifestCodec.write(m));

        Path target = dir.resolve("run/billing");
        SporeExtractor.extract(packed.path(), SporeFixtures.TRUST, target);
        try (var listing = Files.walk(target)) {
            assertThat(listing.filter(Files::isRegularFile).map(p -> target.relativize(p).toString()).sorted().toList())
                    .containsExactly("app.properties", "run.sh", "sbom.cdx.json");
        }
        assertThat(Files.readString(target.resolve("run.sh"))).isEqualTo("#!/bin/sh\necho hi\n");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(target.resolve("run.sh")))).isEqualTo("rwxr-xr-x");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(target.resolve("app.properties")))).isEqualTo("rw-r--r--");
        try (var siblings = Files.list(target.getParent())) {
            assertThat(siblings.map(p -> p.getFileName().toString()).toList()).containsExactly("billing");
        }
    }

    @Test
    void packingTheSameInputsTwiceGivesTheSameBytes() throws Exception {
        Path exe = file("run.sh", "#!/bin/sh\n");
        PackedSpore a = SporePacker.pack(SporeFixtures.template(), List.of(exe), SporeFixtures.PUBLISHER, dir.resolve("a"));
        PackedSpore b = SporePacker.pack(SporeFixtures.template(), List.of(exe), SporeFixtures.PUBLISHER, dir.resolve("b"));
        assertThat(a.digest()).isEqualTo(b.digest());
        assertThat(Files.readAllBytes(a.path())).isEqualTo(Files.readAllBytes(b.path()));
        try (var left = Files.list(dir.resolve("a"))) {
            assertThat(left.toList()).containsExactly(a.path());
        }
    }

    @Test
    void unknownTemplateFieldsAreSignedAndComeBackFromVerification() throws Exception {
        Manifest t = SporeFixtures.template();
        Manifest withExtra = new Manifest(t.schemaVersion(), t.identity(), t.runtime(), t.provides(), t.nutrients(), t.slo(), t.security(), t.health(),
                t.files(), t.sbom(), java.util.Map.of("x_future", TextNode.valueOf("kept")));
        PackedSpore packed = SporePacker.pack(withExtra, List.of(file("run.sh", "x")), SporeFixtures.PUBLISHER, dir.resolve("out"));
        VerifiedSpore v = SporeVerifier.verify(packed.path(), SporeFixtures.TRUST);
        assertThat(v.manifest().extra().get("x_future").asText()).isEqualTo("kept");
    }

    @Test
    void inspectReadsManifestAndClaimedSignerWithoutTrust() throws Exception {
        SigningKey stranger = SporeFixtures.STRANGER;
        PackedSpore packed = SporePacker.pack(SporeFixtures.template(), List.of(file("run.sh", "x")), stranger, dir.resolve("out"));
        SporeInfo info = SporeVerifier.inspect(packed.path());
        assertThat(info.manifest().identity().name()).isEqualTo("billing");
        assertThat(info.claimedSigners()).containsExactly(stranger.id());
        assertThat(info.digest()).isEqualTo(packed.digest());
        assertThatThrownBy(() -> SporeVerifier.verify(packed.path(), TrustStore.of(SporeFixtures.PUBLISHER.verifyingKey())))
                .isInstanceOfSatisfying(SporeRejectedException.class, e -> assertThat(e.reason()).isEqualTo(RejectReason.UNTRUSTED_SIGNER));
    }

    @Test
    void refusesDuplicateNamesUnsafeNamesAndAMismatchedCommand() throws Exception {
        Path a = file("run.sh", "a");
        Path b = Files.writeString(Files.createDirectories(dir.resolve("other")).resolve("run.sh"), "b");
        assertThatThrownBy(() -> SporePacker.pack(SporeFixtures.template(), List.of(a, b), SporeFixtures.PUBLISHER, dir.resolve("out")))
                .hasMessageContaining("also named 'run.sh'");
        Path weird = file("bad name.sh", "x");
        assertThatThrownBy(() -> SporePacker.pack(SporeFixtures.template(), List.of(weird), SporeFixtures.PUBLISHER, dir.resolve("out")))
                .hasMessageContaining("bad name.sh");
        Manifest t = SporeFixtures.template();
        Manifest other = t.withFiles(List.of(), null, t.runtime().withCommand("main.sh"));
        assertThatThrownBy(() -> SporePacker.pack(other, List.of(a), SporeFixtures.PUBLISHER, dir.resolve("out")))
                .hasMessageContaining("runtime.command is 'main.sh'");
        assertThatThrownBy(() -> SporePacker.pack(t, List.of(dir.resolve("absent")), SporeFixtures.PUBLISHER, dir.resolve("out")))
                .isInstanceOf(IOException.class);
        assertThat(dir.resolve("out")).doesNotExist();
    }

    @Test
    void unzipCanListASpore() throws Exception {
        assumeTrue(which("unzip"), "unzip is not installed");
        PackedSpore packed = SporePacker.pack(SporeFixtures.template(), List.of(file("run.sh", "#!/bin/sh\n")), SporeFixtures.PUBLISHER, dir.resolve("out"));
        Process p = new ProcessBuilder("unzip", "-t", packed.path().toString()).redirectErrorStream(true).start();
        try {
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.exitValue()).as(out).isZero();
            assertThat(out).contains(".spore/envelope.json").contains("run.sh").contains("No errors");
        } finally {
            p.destroyForcibly();
        }
    }

    private static boolean which(String tool) {
        for (String dirName : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (Files.isExecutable(Path.of(dirName, tool))) {
                return true;
            }
        }
        return false;
    }
}
