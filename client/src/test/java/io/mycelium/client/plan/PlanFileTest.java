package io.mycelium.client.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mycelium.client.plan.PlanFileException.Reason;
import io.mycelium.fabric.model.Plan;
import io.mycelium.fabric.model.UpdateStrategy;
import io.mycelium.spore.digest.Digest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlanFileTest {
    private static final Digest V1 = Digest.of("v1".getBytes());
    private static final Digest V2 = Digest.of("v2".getBytes());

    @Test
    void readsAPlanAndADigestGivenBesideItWins(@TempDir Path dir) throws Exception {
        Path f = Files.writeString(dir.resolve("web.json"), "{\"app\": \"web\", \"digest\": \"" + V1
                + "\", \"instances\": 2, \"strategy\": {\"kind\": \"BLUE_GREEN\", \"batch\": 1, \"warmup_ms\": 0}}");
        PlanFile file = PlanFile.read(f);
        assertThat(file.app()).hasValue("web");
        assertThat(file.manifest()).isEmpty();
        Plan p = file.plan(null);
        assertThat(p.digest()).isEqualTo(V1);
        assertThat(p.instances()).isEqualTo(2);
        assertThat(p.strategy().kind()).isEqualTo(UpdateStrategy.Kind.BLUE_GREEN);
        assertThat(file.plan(V2).digest()).isEqualTo(V2);
    }

    @Test
    void saysWhatIsWrongWithAFileInOneLine(@TempDir Path dir) throws Exception {
        assertThatThrownBy(() -> PlanFile.read(dir.resolve("none.json"))).isInstanceOfSatisfying(PlanFileException.class,
                e -> assertThat(e.reason()).isEqualTo(Reason.UNREADABLE)).hasMessageStartingWith("no file ");
        Path array = Files.writeString(dir.resolve("a.json"), "[1]");
        assertThatThrownBy(() -> PlanFile.read(array)).hasMessageEndingWith("a plan file is a JSON object");
        Path text = Files.writeString(dir.resolve("t.json"), "app: web");
        assertThatThrownBy(() -> PlanFile.read(text)).hasMessageContaining("not JSON");
        PlanFile noDigest = PlanFile.read(Files.writeString(dir.resolve("n.json"), "{\"app\": \"web\"}"));
        assertThatThrownBy(() -> noDigest.plan(null)).isInstanceOfSatisfying(PlanFileException.class,
                e -> assertThat(e.reason()).isEqualTo(Reason.NO_DIGEST)).hasMessageContaining("names no digest");
        PlanFile bad = PlanFile.read(Files.writeString(dir.resolve("b.json"), "{\"app\": \"web\", \"digest\": \"" + V1 + "\", \"instances\": -3}"));
        assertThatThrownBy(() -> bad.plan(null)).hasMessageContaining("is not a valid plan").hasMessageContaining("-3");
        Path badSpore = Files.writeString(dir.resolve("s.json"), "{\"app\": \"web\", \"spore\": \"missing.spore\"}");
        assertThatThrownBy(() -> PlanFile.read(badSpore)).isInstanceOfSatisfying(PlanFileException.class,
                e -> assertThat(e.reason()).isEqualTo(Reason.BAD_SPORE));
    }

    @Test
    void nutrientsComeFromTheManifestElseFromTheCurrentPlanOfTheSameDigest() {
        Plan current = Plan.of("web", V1, 2).withNutrients(250, 64);
        assertThat(PlanNutrients.fill(Plan.of("web", V1, 3), Optional.empty(), Optional.of(current)))
                .hasValueSatisfying(p -> assertThat(p.cpuMilli()).isEqualTo(250));
        assertThat(PlanNutrients.fill(Plan.of("web", V2, 3), Optional.empty(), Optional.of(current))).isEmpty();
    }

    @Test
    void theManifestsSloBecomesThePlansP99TargetUnlessThePlanSetsOne() {
        String json = """
                {"schema_version": 1, "identity": {"name": "web", "version": "1.0.0"},
                 "runtime": {"kind": "JVM_JAR", "command": "web.jar", "args": [], "env": {}},
                 "provides": [{"name": "http", "protocol": "http", "port_env": "PORT"}],
                 "nutrients": {"cpu_milli": 250, "memory_mb": 96}, "slo": {"p99_budget_ms": 80},
                 "health": {"kind": "HTTP", "path": "/health", "initial_delay_ms": 200, "interval_ms": 1000, "timeout_ms": 1000, "failure_threshold": 3}}
                """;
        var manifest = io.mycelium.spore.manifest.ManifestCodec.parse(json.getBytes(java.nio.charset.StandardCharsets.UTF_8), "test");
        Plan filled = PlanNutrients.fill(Plan.of("web", V1, 3), Optional.of(manifest), Optional.empty()).orElseThrow();
        assertThat(filled.strategy().analysisOrDefault().p99BudgetMs()).isEqualTo(80);
        assertThat(filled.memoryMb()).isEqualTo(96);
        Plan own = Plan.of("web", V1, 3).withStrategy(io.mycelium.fabric.model.UpdateStrategy.DEFAULT
                .withAnalysis(io.mycelium.fabric.model.UpdateStrategy.Analysis.DEFAULT.withP99BudgetMs(40)));
        assertThat(PlanNutrients.fill(own, Optional.of(manifest), Optional.empty()).orElseThrow().strategy().analysisOrDefault().p99BudgetMs())
                .isEqualTo(40);
    }
}
