package io.mycelium.spore.key;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeyInteropTest {
    @TempDir
    Path dir;

    @Test
    void writtenPairReadsBackWithSameIdAndSignsVerifiably() throws IOException {
        SigningKey key = SigningKey.generate();
        key.writePair(dir, "alice");

        SigningKey readKey = SigningKey.read(dir.resolve("alice.key"));
        VerifyingKey readPub = VerifyingKey.read(dir.resolve("alice.pub"));

        assertThat(readKey.id()).isEqualTo(key.id()).isEqualTo(readPub.id());
        byte[] msg = "hello".getBytes(StandardCharsets.UTF_8);
        assertThat(readPub.verify(msg, readKey.sign(msg))).isTrue();
        assertThat(readPub.verify("hellO".getBytes(StandardCharsets.UTF_8), readKey.sign(msg))).isFalse();
        assertThat(Files.getPosixFilePermissions(dir.resolve("alice.key")).toString()).isEqualTo("[OWNER_READ, OWNER_WRITE]");
    }

    @Test
    void refusesToOverwriteAnExistingKey() throws IOException {
        SigningKey.generate().writePair(dir, "bob");
        assertThatThrownBy(() -> SigningKey.generate().writePair(dir, "bob")).hasMessageContaining("already exists");
    }

    @Test
    void keyIdIsSha256OfRawPublicKey() {
        // RFC 8032 test vector 1: the public key of the all-zero-ish seed 9d61b19d...
        SigningKey key = SigningKey.fromSeed(java.util.HexFormat.of().parseHex("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60"));
        assertThat(java.util.HexFormat.of().formatHex(key.verifyingKey().raw()))
                .isEqualTo("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a");
        assertThat(key.id()).isEqualTo(KeyId.ofRawPublicKey(key.verifyingKey().raw()));
        assertThat(java.util.HexFormat.of().formatHex(key.sign(new byte[0])))
                .startsWith("e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b");
    }

    @Test
    void opensslKeysWorkHereAndOursWorkInOpenssl() throws Exception {
        assumeTrue(run(dir, "openssl", "version") == 0, "openssl is not installed");
        // openssl -> ours
        assertThat(run(dir, "openssl", "genpkey", "-algorithm", "ed25519", "-out", "o.key")).isZero();
        assertThat(run(dir, "openssl", "pkey", "-in", "o.key", "-pubout", "-out", "o.pub")).isZero();
        SigningKey theirs = SigningKey.read(dir.resolve("o.key"));
        assertThat(VerifyingKey.read(dir.resolve("o.pub")).id()).isEqualTo(theirs.id());

        // ours -> openssl: openssl derives the same public key and verifies our signature
        SigningKey ours = SigningKey.generate();
        ours.writePair(dir, "ours");
        assertThat(run(dir, "openssl", "pkey", "-in", "ours.key", "-pubout", "-out", "derived.pub")).isZero();
        assertThat(VerifyingKey.read(dir.resolve("derived.pub")).id()).isEqualTo(ours.id());
        Files.writeString(dir.resolve("msg"), "signed by us");
        Files.write(dir.resolve("msg.sig"), ours.sign("signed by us".getBytes(StandardCharsets.UTF_8)));
        assertThat(run(dir, "openssl", "pkeyutl", "-verify", "-pubin", "-inkey", "ours.pub", "-rawin", "-in", "msg", "-sigfile", "msg.sig")).isZero();

        // and openssl's signature verifies here
        assertThat(run(dir, "openssl", "pkeyutl", "-sign", "-inkey", "o.key", "-rawin", "-in", "msg", "-out", "o.sig")).isZero();
        assertThat(VerifyingKey.read(dir.resolve("o.pub")).verify(Files.readAllBytes(dir.resolve("msg")), Files.readAllBytes(dir.resolve("o.sig")))).isTrue();
    }

    @Test
    void aMissingKeyFileIsNamedWithWhereItWasLookedFor() {
        Path missing = dir.resolve("keys/operator.key");
        assertThatThrownBy(() -> SigningKey.read(missing)).isInstanceOf(KeyFormatException.class)
                .hasMessageContaining("no such key file").hasMessageContaining(missing.toAbsolutePath().normalize().toString());
    }

    @Test
    void rejectsNonEd25519AndGarbageWithTheFileName() throws Exception {
        Files.writeString(dir.resolve("garbage.pub"), "not a key");
        assertThatThrownBy(() -> VerifyingKey.read(dir.resolve("garbage.pub"))).isInstanceOf(KeyFormatException.class).hasMessageContaining("garbage.pub");
        Files.writeString(dir.resolve("swapped.pub"), SigningKey.generate().toPem());
        assertThatThrownBy(() -> VerifyingKey.read(dir.resolve("swapped.pub"))).hasMessageContaining("PRIVATE KEY");
        assumeTrue(run(dir, "openssl", "version") == 0, "openssl is not installed");
        assertThat(run(dir, "openssl", "genpkey", "-algorithm", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", "ec.key")).isZero();
        assertThatThrownBy(() -> SigningKey.read(dir.resolve("ec.key"))).hasMessageContaining("not an Ed25519 key");
    }

    @Test
    void trustStoreVerifiesOnlyWithItsOwnKeys() throws IOException {
        SigningKey trusted = SigningKey.generate();
        SigningKey stranger = SigningKey.generate();
        Path trust = Files.createDirectory(dir.resolve("trust"));
        Files.writeString(trust.resolve("trusted.pub"), trusted.verifyingKey().toPem());
        Files.writeString(trust.resolve("README.txt"), "ignored: not a .pub file");

        TrustStore store = TrustStore.load(trust);
        byte[] msg = {1, 2, 3};
        assertThat(store.size()).isEqualTo(1);
        assertThat(store.verify(trusted.id(), msg, trusted.sign(msg))).isTrue();
        assertThat(store.verify(stranger.id(), msg, stranger.sign(msg))).isFalse();
        // a valid signature by another key, presented under the trusted id, fails
        assertThat(store.verify(trusted.id(), msg, stranger.sign(msg))).isFalse();
        assertThatThrownBy(() -> TrustStore.load(dir.resolve("missing"))).hasMessageContaining("not a directory");
    }

    private static int run(Path cwd, String... cmd) throws IOException, InterruptedException {
        Process p;
        try {
            p = new ProcessBuilder(List.of(cmd)).directory(cwd.toFile()).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException e) {
            return -1;
        }
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return -2;
        }
        return p.exitValue();
    }
}
