package io.mycelium.spore.manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.mycelium.spore.digest.Digest;

class ManifestCodecTest {
    static final String FULL = """
            {
              "schema_version": 1,
              "identity": {"name": "billing", "version": "1.2.0", "team": "payments"},
              "runtime": {"kind": "JVM_JAR", "command": "billing.jar", "args": ["-Xmx64m"], "env": {"GREETING": "hi"}},
              "provides": [{"name": "http", "protocol": "http", "port_env": "PORT"}],
              "nutrients": {"cpu_milli": 250, "memory_mb": 128},
              "slo": {"p99_budget_ms": 50},
              "security": {"no_new_privileges": true, "read_only_payload": true, "network": "host"},
              "health": {"kind": "HTTP", "path": "/health", "interval_ms": 500, "timeout_ms": 200, "failure_threshold": 2},
              "files": [{"path": "billing.jar", "sha256": "sha256:%s", "size": 3, "executable": true, "mode_hint": "x"}],
              "sbom": {"format": "CycloneDX", "file": {"path": "sbom.cdx.json", "sha256": "sha256:%s", "size": 2}},
              "future_field": {"nested": [1, 2, 3]}
            }
            """.formatted("a".repeat(64), "b".repeat(64));

    @Test
    void readsEveryFieldOfAFullManifest() {
        Manifest m = ManifestCodec.parse(FULL.getBytes(StandardCharsets.UTF_8), "full.json");
        assertThat(m.identity().name()).isEqualTo("billing");
        assertThat(m.runtime().kind()).isEqualTo(RuntimeKind.JVM_JAR);
        assertThat(m.runtime().env()).containsEntry("GREETING", "hi");
        assertThat(m.provides()).containsExactly(new Provide("http", "http", "PORT"));
        assertThat(m.nutrients().cpuMilli()).isEqualTo(250);
        assertThat(m.nutrients().memoryMb()).isEqualTo(128);
        assertThat(m.slo().p99BudgetMs()).isEqualTo(50);
        assertThat(m.health().kind()).isEqualTo(HealthKind.HTTP);
        assertThat(m.health().intervalMs()).isEqualTo(500);
        assertThat(m.files()).hasSize(1);
        assertThat(m.files().get(0).digest()).isEqualTo(new Digest("a".repeat(64)));
        assertThat(m.sbom().file().path()).isEqualTo("sbom.cdx.json");
        assertThat(m.entries()).extracting(PayloadFile::path).containsExactly("billing.jar", "sbom.cdx.json");
    }

    @Test
    void keepsUnknownFieldsAtEveryLevelThroughAWriteAndARead() {
        Manifest m = ManifestCodec.parse(FULL.getBytes(StandardCharsets.UTF_8), "full.json");
        assertThat(m.extra()).containsKey("future_field");
        assertThat(m.identity().extra().get("team").asText()).isEqualTo("payments");
        assertThat(m.files().get(0).extra().get("mode_hint").asText()).isEqualTo("x");

        byte[] written = ManifestCodec.write(m);
        String text = new String(written, StandardCharsets.UTF_8);
        assertThat(text).contains("\"future_field\"").contains("\"team\" : \"payments\"").contains("\"mode_hint\"");
        Manifest again = ManifestCodec.parse(written, "written");
        assertThat(again).isEqualTo(m);
        assertThat(ManifestCodec.write(again)).isEqualTo(written);
    }

    @Test
    void writesSnakeCaseCanonically() {
        Manifest m = Manifest.template(new Identity("web", "1"), new Runtime(RuntimeKind.SCRIPT, "run.sh", List.of(), Map.of("B", "2", "A", "1")))
                .withNutrients(new Nutrients(100, 64));
        String text = new String(ManifestCodec.write(m), StandardCharsets.UTF_8);
        assertThat(text).contains("\"schema_version\" : 1").contains("\"cpu_milli\" : 100").contains("\"memory_mb\" : 64");
        assertThat(text.indexOf("\"A\"")).isLessThan(text.indexOf("\"B\""));
        assertThat(text).endsWith("}\n").doesNotContain("\r");
    }

    @Test
    void rejectsAnAbsurdlyLargeManifestBeforeParsing() {
        byte[] huge = new byte[ManifestCodec.MAX_BYTES + 1];
        assertThatThrownBy(() -> ManifestCodec.parse(huge, "huge.json"))
                .isInstanceOf(ManifestException.class).hasMessageContaining("huge.json").hasMessageContaining("more than the");
    }

    @Test
    void rejectsDuplicateKeysUnsupportedSchemaAndBadPaths() {
        assertThatThrownBy(() -> ManifestCodec.parse("{\"schema_version\":1,\"schema_version\":1}".getBytes(StandardCharsets.UTF_8), "dup"))
                .isInstanceOf(ManifestException.class).hasMessageContaining("dup");
        assertThatThrownBy(() -> ManifestCodec.parse(FULL.replace("\"schema_version\": 1", "\"schema_version\": 9").getBytes(StandardCharsets.UTF_8), "v9"))
                .isInstanceOf(ManifestException.class).hasMessageContaining("schema_version 9");
        assertThatThrownBy(() -> ManifestCodec.parse(FULL.replace("\"path\": \"billing.jar\"", "\"path\": \"../billing.jar\"").getBytes(StandardCharsets.UTF_8), "dots"))
                .isInstanceOf(ManifestException.class).hasMessageContaining("'..'");
        assertThatThrownBy(() -> ManifestCodec.parse("not json".getBytes(StandardCharsets.UTF_8), "junk"))
                .isInstanceOf(ManifestException.class).hasMessageStartingWith("junk: ");
        assertThatThrownBy(() -> ManifestCodec.parse("{}".getBytes(StandardCharsets.UTF_8), "empty"))
                .isInstanceOf(ManifestException.class).hasMessageStartingWith("empty: ");
    }

    @Test
    void payloadPathRuleRejectsEscapesAndAcceptsNormalNames() {
        assertThat(PayloadPath.problem("bin/app")).isNull();
        assertThat(PayloadPath.problem("conf/app.properties")).isNull();
        assertThat(PayloadPath.problem("/etc/passwd")).isEqualTo("is absolute");
        assertThat(PayloadPath.problem("a/../../b")).isEqualTo("contains '..'");
        assertThat(PayloadPath.problem("C:/x")).isEqualTo("is absolute");
        assertThat(PayloadPath.problem("a//b")).isNotNull();
        assertThat(PayloadPath.problem("a\\b")).isNotNull();
        assertThat(PayloadPath.problem(".spore/envelope.json")).isNotNull();
    }
}
