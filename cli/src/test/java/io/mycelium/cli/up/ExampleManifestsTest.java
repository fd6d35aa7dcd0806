package io.mycelium.cli.up;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import io.mycelium.spore.manifest.HealthKind;
import io.mycelium.spore.manifest.Manifest;
import io.mycelium.spore.manifest.ManifestCodec;
import io.mycelium.spore.manifest.RuntimeKind;
import org.junit.jupiter.api.Test;

/** The checkout's example manifests are valid and agree with what mesh up packs them with. */
class ExampleManifestsTest {
    @Test
    void everyExampleManifestParsesAndNamesItsExecutable() {
        Path examples = ExamplesDir.real();
        for (ExampleSpore e : ExampleSpore.ALL) {
            Manifest m = ManifestCodec.read(e.manifestIn(examples));
            assertThat(m.runtime().command()).as(e.manifest()).isEqualTo(Path.of(e.files().get(0)).getFileName().toString());
            assertThat(m.health().kind()).as(e.manifest()).isEqualTo(HealthKind.HTTP);
            assertThat(m.health().path()).isEqualTo("/health");
            assertThat(m.provides()).extracting(p -> p.portEnv()).containsExactly("PORT");
            assertThat(m.runtime().env().get("APP_VERSION")).as(e.manifest()).isEqualTo(m.identity().version());
        }
    }

    @Test
    void theScriptWorkloadIsAScriptAndTheOthersAreJars() {
        Path examples = ExamplesDir.real();
        Map<String, RuntimeKind> kinds = new HashMap<>();
        for (ExampleSpore e : ExampleSpore.ALL) {
            Manifest m = ManifestCodec.read(e.manifestIn(examples));
            kinds.put(m.displayName(), m.runtime().kind());
        }
        assertThat(kinds).containsOnly(Map.entry("billing@1.0.0", RuntimeKind.JVM_JAR), Map.entry("billing@2.0.0", RuntimeKind.JVM_JAR),
                Map.entry("billing@2.1.0", RuntimeKind.JVM_JAR), Map.entry("billing@2.2.0", RuntimeKind.JVM_JAR),
                Map.entry("frontend@1.0.0", RuntimeKind.JVM_JAR), Map.entry("greeter@1.0.0", RuntimeKind.SCRIPT));
        assertThat(Files.isExecutable(examples.resolve("script/greeter.py"))).isTrue();
    }

    @Test
    void billingV2DiffersFromV1OnlyInVersionAndGreeting() {
        Path examples = ExamplesDir.real();
        Manifest v1 = ManifestCodec.read(examples.resolve("dna/billing.json"));
        Manifest v2 = ManifestCodec.read(examples.resolve("dna/billing-v2.json"));
        assertThat(v2.identity().name()).isEqualTo("billing");
        assertThat(v2.identity().version()).isEqualTo("2.0.0");
        assertThat(v2.runtime().command()).isEqualTo(v1.runtime().command());
        assertThat(v2.provides()).isEqualTo(v1.provides());
        assertThat(v2.health()).isEqualTo(v1.health());
        assertThat(v2.runtime().env().get("GREETING")).isNotEqualTo(v1.runtime().env().get("GREETING"));
    }

    @Test
    void theFailingBillingVersionsFailOnlyByTheirEnv() {
        Path examples = ExamplesDir.real();
        Manifest v2 = ManifestCodec.read(examples.resolve("dna/billing-v2.json"));
        Manifest errors = ManifestCodec.read(examples.resolve("dna/billing-v2-errors.json"));
        Manifest unhealthy = ManifestCodec.read(examples.resolve("dna/billing-v2-unhealthy.json"));
        assertThat(errors.runtime().env()).containsEntry("FAIL_PERCENT", "30").doesNotContainKey("HEALTH");
        assertThat(unhealthy.runtime().env()).containsEntry("HEALTH", "never").doesNotContainKey("FAIL_PERCENT");
        for (Manifest m : java.util.List.of(errors, unhealthy)) {
            assertThat(m.runtime().command()).isEqualTo(v2.runtime().command());
            assertThat(m.health()).isEqualTo(v2.health());
            assertThat(m.slo()).isEqualTo(v2.slo());
        }
    }
}
