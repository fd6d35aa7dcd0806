package io.mycelium.agent.reconcile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.IntNode;
import io.mycelium.agent.fetch.Sprout;
import io.mycelium.agent.health.HealthCheck;
import io.mycelium.agent.health.HealthPolicy;
import io.mycelium.agent.instance.InstanceSpec;
import io.mycelium.fabric.model.InstanceState;
import io.mycelium.fabric.model.Plan;
import io.mycelium.fabric.placement.SlotId;
import io.mycelium.spore.digest.Digest;
import io.mycelium.spore.manifest.HealthKind;
import io.mycelium.spore.manifest.Identity;
import io.mycelium.spore.manifest.Manifest;
import io.mycelium.spore.manifest.Provide;
import io.mycelium.spore.manifest.RuntimeKind;
import io.mycelium.spore.manifest.RuntimeSpec;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SproutingTest {
    private static final Digest D = Digest.of("spore".getBytes(StandardCharsets.UTF_8));

    private static Manifest jar() {
        return Manifest.template(new Identity("billing", "1.0.0", Map.of()),
                        new RuntimeSpec(RuntimeKind.JVM_JAR, "billing.jar", List.of("--x"), Map.of("GREETING", "hi")))
                .withProvides(List.of(new Provide("http", "http", "HTTP_PORT")))
                .withHealth(io.mycelium.spore.manifest.HealthCheck.http("/health"));
    }

    @Test
    void theManifestsCheckBecomesTheProbePolicyWithAFloorOnTheStartPeriod() {
        HealthPolicy p = Sprouting.policy(io.mycelium.spore.manifest.HealthCheck.http("/health"));
        assertThat(p.check()).isEqualTo(HealthCheck.http("/health", 200));
        assertThat(p.startPeriod()).isEqualTo(Duration.ofMillis(Sprouting.MIN_START_PERIOD_MS));
        assertThat(p.failureThreshold()).isEqualTo(3);
        var tuned = new io.mycelium.spore.manifest.HealthCheck(HealthKind.HTTP, "/ready", null, 0, 300, 700, 5,
                Map.<String, JsonNode>of("start_period_ms", IntNode.valueOf(1500), "expect_status", IntNode.valueOf(204),
                        "success_threshold", IntNode.valueOf(2)));
        HealthPolicy q = Sprouting.policy(tuned);
        assertThat(q.check()).isEqualTo(HealthCheck.http("/ready", 204));
        assertThat(q.startPeriod()).isEqualTo(Duration.ofMillis(1500));
        assertThat(q.interval()).isEqualTo(Duration.ofMillis(300));
        assertThat(q.timeout()).isEqualTo(Duration.ofMillis(700));
        assertThat(q.successThreshold()).isEqualTo(2);
        assertThat(q.failureThreshold()).isEqualTo(5);
    }

    @Test
    void aJarRunsOnTheGivenJavaWithThePlansEnvTheProvidedPortAndTheSlotsIdentity() {
        Plan plan = Plan.of("billing", D, 2).withNutrients(250, 96).withEnv(Map.of("GREETING", "from the plan"))
                .withHealth(io.mycelium.spore.manifest.HealthCheck.tcp());
        Sprout sprout = new Sprout(D, Path.of("/data/sprouts/x"), jar());
        String id = Sprouting.newInstanceId(new SlotId("billing", 1), D, new SplittableRandom(1));
        InstanceSpec spec = Sprouting.spec(id, new SlotId("billing", 1), plan, sprout, "node-a", 21000, Path.of("/data/run/" + id),
                Path.of("/opt/java/bin/java"), Duration.ofSeconds(3), "http://127.0.0.1:7080");
        assertThat(spec.launch().executable()).isEqualTo(Path.of("/opt/java/bin/java"));
        assertThat(spec.launch().args()).containsExactly("-jar", "/data/sprouts/x/billing.jar", "--x");
        assertThat(spec.launch().sporeDir()).isEqualTo(Path.of("/data/sprouts/x"));
        assertThat(spec.launch().env()).containsEntry("GREETING", "from the plan").containsEntry("HTTP_PORT", "21000")
                .containsEntry("MYCELIUM_HYPHAE", "http://127.0.0.1:7080");
        assertThat(spec.launch().limits().cpuMilli()).isEqualTo(250);
        assertThat(spec.launch().limits().memoryMb()).isEqualTo(96);
        assertThat(spec.health().check()).isEqualTo(HealthCheck.tcp());
        assertThat(Sprouting.identify(spec, InstanceState.READY)).contains(
                new LocalInstance(id, new SlotId("billing", 1), D, InstanceState.READY));
        assertThat(id).matches("billing-1-" + D.hex().substring(0, 8) + "-[0-9a-z]{5}");
    }

    @Test
    void instanceIdsStayWithinTheFabricsNameLimit() {
        String app = "a".repeat(63);
        String id = Sprouting.newInstanceId(new SlotId(app, 9999), D, new SplittableRandom(2));
        assertThat(id.length()).isLessThanOrEqualTo(63);
    }

}
