package io.mycelium.cli.up;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import io.mycelium.cli.CliRun;
import io.mycelium.cli.ExitCode;
import io.mycelium.spore.digest.Digest;
import io.mycelium.spore.key.SigningKey;
import io.mycelium.spore.key.TrustStore;
import io.mycelium.spore.store.SporeRepo;
import io.mycelium.spore.verify.SporeVerifier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UpCommandTest {
    @TempDir
    Path tmp;

    Path examples;
    Path work;

    @BeforeEach
    void setUp() throws Exception {
        examples = ExamplesDir.copy(tmp.resolve("examples"));
        work = tmp.resolve("work");
    }

    private CliRun up(String... extra) {
        List<String> args = new ArrayList<>(List.of("up", "--prepare-only", "--dir", work.toString(), "--examples", examples.toString()));
        args.addAll(List.of(extra));
        return CliRun.run(tmp, args.toArray(String[]::new));
    }

    @Test
    void firstRunMakesAKeyAndPublishesEveryExampleVerified() throws Exception {
        CliRun r = up();
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.out()).contains("publisher key    created").contains("billing@1.0.0").contains("billing@2.0.0")
                .contains("frontend@1.0.0").contains("greeter@1.0.0").contains("billing@2.1.0").contains("billing@2.2.0").contains("ready: " + ExampleSpore.ALL.size() + " spores");

        SigningKey key = SigningKey.read(work.resolve("keys/publisher.key"));
        TrustStore trust = TrustStore.load(work.resolve("trust"));
        assertThat(trust.trusts(key.id())).isTrue();
        SporeRepo repo = SporeRepo.open(work.resolve("repo"));
        assertThat(repo.refs()).containsOnlyKeys("billing@1.0.0", "billing@2.0.0", "billing@2.1.0", "billing@2.2.0", "frontend@1.0.0", "greeter@1.0.0");
        for (Digest d : repo.list()) {
            assertThat(SporeVerifier.verify(repo.get(d, true), trust).signer()).isEqualTo(key.id());
        }
        assertThat(SporeVerifier.verify(work.resolve("spores/greeter-1.0.0.spore"), trust).files().get(0).executable()).isTrue();
    }

    @Test
    void secondRunReusesEverythingAndChangesNothing() throws Exception {
        JsonNode first = up("-o", "json").json();
        long modified = Files.getLastModifiedTime(work.resolve("spores/billing-1.0.0.spore")).toMillis();

        CliRun again = up("-o", "json");
        assertThat(again.code()).isZero();
        JsonNode second = again.json();
        assertThat(second.get("setup").get("key").get("created").asBoolean()).isFalse();
        assertThat(second.get("setup").get("key").get("id")).isEqualTo(first.get("setup").get("key").get("id"));
        assertThat(second.get("setup").get("spores")).hasSize(ExampleSpore.ALL.size());
        for (int i = 0; i < ExampleSpore.ALL.size(); i++) {
            JsonNode s = second.get("setup").get("spores").get(i);
            assertThat(s.get("packed").asBoolean()).isFalse();
            assertThat(s.get("verified").asBoolean()).isTrue();
            assertThat(s.get("digest")).isEqualTo(first.get("setup").get("spores").get(i).get("digest"));
        }
        assertThat(Files.getLastModifiedTime(work.resolve("spores/billing-1.0.0.spore")).toMillis()).isEqualTo(modified);
        assertThat(again.err()).contains("up to date");
        assertThat(SporeRepo.open(work.resolve("repo")).list()).hasSize(ExampleSpore.ALL.size());
    }

    @Test
    void aChangedManifestIsRepackedAndOnlyThatOne() throws Exception {
        up();
        Path m = examples.resolve("dna/frontend.json");
        Files.writeString(m, Files.readString(m).replace("Hello from frontend", "Hello again"));

        JsonNode j = up("-o", "json").json();
        for (JsonNode s : j.get("setup").get("spores")) {
            assertThat(s.get("packed").asBoolean()).as(s.get("name").asText() + "@" + s.get("version").asText())
                    .isEqualTo(s.get("name").asText().equals("frontend"));
        }
        assertThat(SporeVerifier.inspect(work.resolve("spores/frontend-1.0.0.spore")).manifest().runtime().env().get("GREETING"))
                .isEqualTo("Hello again");
    }

    @Test
    void aDamagedSporeInTheWorkDirIsRepacked() throws Exception {
        up();
        Path spore = work.resolve("spores/greeter-1.0.0.spore");
        byte[] bytes = Files.readAllBytes(spore);
        bytes[bytes.length - 100] ^= 0x10;
        Files.write(spore, bytes);

        JsonNode j = up("-o", "json").json();
        int greeter = ExampleSpore.ALL.size() - 1;
        assertThat(j.get("setup").get("spores").get(greeter).get("name").asText()).isEqualTo("greeter");
        assertThat(j.get("setup").get("spores").get(greeter).get("packed").asBoolean()).isTrue();
        SporeVerifier.verify(spore, TrustStore.load(work.resolve("trust")));
    }

    @Test
    void aMissingPayloadIsOneLineWithTheBuildCommand() throws Exception {
        Files.delete(examples.resolve("target/billing.jar"));
        CliRun r = up();
        assertThat(r.code()).isEqualTo(ExitCode.REJECTED);
        assertThat(r.errLines()).hasSize(1);
        assertThat(r.err()).contains(examples.resolve("target/billing.jar").toString()).contains("./mvnw");
        assertThat(work).doesNotExist();
    }

    @Test
    void aMissingExamplesDirectoryIsOneLine() {
        CliRun r = CliRun.run(tmp, "up", "--prepare-only", "--dir", work.toString(), "--examples", tmp.resolve("nowhere").toString());
        assertThat(r.code()).isEqualTo(ExitCode.REJECTED);
        assertThat(r.errLines()).hasSize(1);
        assertThat(r.err()).contains("nowhere").contains("--examples");
    }

    @Test
    void aBrokenManifestIsNamed() throws Exception {
        Files.writeString(examples.resolve("dna/greeter.json"), "{ \"schema_version\": 1 }");
        CliRun r = up();
        assertThat(r.code()).isEqualTo(ExitCode.REJECTED);
        assertThat(r.errLines().get(r.errLines().size() - 1)).contains("greeter.json");
        assertThat(r.err()).doesNotContain("\tat ");
    }

    @Test
    void twoRunsOnOneWorkDirDoNotOverlap() throws Exception {
        Files.createDirectories(work);
        try (FileChannel ch = FileChannel.open(work.resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock held = ch.lock()) {
            CliRun r = up();
            assertThat(r.code()).isEqualTo(ExitCode.REJECTED);
            assertThat(r.err()).contains("another 'mesh up'");
            assertThat(held.isValid()).isTrue();
        }
        assertThat(up().code()).isZero();
    }
}
