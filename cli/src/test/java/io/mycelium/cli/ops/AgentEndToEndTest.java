package io.mycelium.cli.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.mycelium.agent.daemon.Agent;
import io.mycelium.agent.daemon.AgentConfig;
import io.mycelium.cli.CliContext;
import io.mycelium.cli.CliRun;
import io.mycelium.fabric.wire.Keyring;
import io.mycelium.spore.key.SigningKey;
import io.mycelium.testing.Ports;
import io.mycelium.testing.TempTrees;
import io.mycelium.spore.time.Clock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The operator's flow with the CLI alone against one real agent on loopback: pack the example
 * greeter, publish it, apply a plan, watch it become Ready in {@code mesh apps} and
 * {@code mesh instances}, read its logs, scale it to zero. Every workload is stopped and the work
 * dir removed afterwards.
 */
class AgentEndToEndTest {
    static final Path REPO = Path.of(System.getProperty("user.dir")).toAbsolutePath().getParent();

    Path root;
    Agent agent;
    Path operatorKey;
    Path publisherKey;

    @BeforeEach
    void start() throws IOException {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/python3")), "the greeter example needs /usr/bin/python3");
        root = Files.createTempDirectory("cli-e2e-");
        // the workload user (nobody, when the tests run as root) must reach its run dir
        Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwxr-xr-x"));
        SigningKey operator = SigningKey.generate();
        SigningKey publisher = SigningKey.generate();
        operator.writePair(root.resolve("keys"), "operator");
        publisher.writePair(root.resolve("keys"), "publisher");
        operatorKey = root.resolve("keys/operator.key");
        publisherKey = root.resolve("keys/publisher.key");
        Path operators = Files.createDirectories(root.resolve("trust/operators"));
        Path publishers = Files.createDirectories(root.resolve("trust/publishers"));
        Files.copy(root.resolve("keys/operator.pub"), operators.resolve("operator.pub"));
        Files.copy(root.resolve("keys/publisher.pub"), publishers.resolve("publisher.pub"));
        Path clusterKey = Files.writeString(root.resolve("cluster.key"), Keyring.newKeyringText("e2e"));
        int fabricPort = Ports.free();
        agent = Agent.start(AgentConfig.builder("solo", fabricPort, root.resolve("solo"), clusterKey, operators, publishers)
                .cpuMilli(2_000).memoryMb(2_048).drainMs(500).stopGraceMs(2_000).cgroupRoot(cgroupRoot).hyphae("127.0.0.1:" + Ports.free()).build());
    }

    /** This test's own cgroup root, removed after it. */
    private final String cgroupRoot = "mycelium-test-e2e-" + Long.toHexString(System.nanoTime());

    @AfterEach
    void stop() throws Exception {
        if (agent != null) {
            try {
                agent.stopWorkloads(Duration.ofSeconds(20));
            } finally {
                agent.close();
                io.mycelium.agent.cgroup.Cgroups.removeEmpty(cgroupRoot);
            }
        }
        if (root != null) {
            // the agent's background writers may still finish a file just after close: retry until gone
            await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200)).until(() -> TempTrees.tryDelete(root));
        }
    }

    CliRun mesh(String... args) {
        return CliRun.run(new CliContext(Map.of("MESH_API", agent.apiUrl()), REPO, Clock.SYSTEM), args);
    }

    /** Packs and publishes the example greeter; its publish answer (digest, created). */
    CliRun publishGreeter() {
        CliRun pack = mesh("spore", "pack", "--manifest", REPO.resolve("examples/dna/greeter.json").toString(),
                "--key", publisherKey.toString(), "--out", root.resolve("out").toString(), REPO.resolve("examples/script/greeter.py").toString());
        assertThat(pack.code()).as(pack.toString()).isZero();
        Path spore = root.resolve("out/greeter-1.0.0.spore");

        CliRun publish = mesh("publish", spore.toString(), "--key", operatorKey.toString(), "-o", "json");
        assertThat(publish.code()).as(publish.toString()).isZero();
        assertThat(publish.json().get("created").asBoolean()).isTrue();
        assertThat(publish.err()).contains("uploading greeter-1.0.0.spore");
        return publish;
    }

    @Test
    void publishPlanWatchAndReadLogsWithTheCliAlone() {
        CliRun publish = publishGreeter();

        CliRun apply = mesh("plan", "apply", "--app", "greeter", "--digest", publish.json().get("digest").asText(),
                "--instances", "1", "--key", operatorKey.toString());
        assertThat(apply.code()).as(apply.toString()).isZero();
        assertThat(apply.out()).contains("plan greeter revision 1 accepted by solo: 1 x").contains("cpu_milli=100, memory_mb=32");

        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
            JsonNode app = mesh("apps", "greeter", "-o", "json").json();
            assertThat(app.get("ready").asInt()).as(app.toString()).isEqualTo(1);
        });
        JsonNode instances = mesh("instances", "--app", "greeter", "-o", "json").json().get("instances");
        assertThat(instances).hasSize(1);
        assertThat(instances.get(0).get("state").asText()).isEqualTo("ready");
        assertThat(instances.get(0).get("node").asText()).isEqualTo("solo");
        assertThat(instances.get(0).get("pid").asLong()).isPositive();
        assertThat(mesh("apps").out()).contains("greeter", "1/1");

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            CliRun logs = mesh("logs", "greeter", "--tail", "20");
            assertThat(logs.code()).as(logs.toString()).isZero();
            assertThat(logs.out()).as(logs.toString()).isNotBlank();
        });

        CliRun scale = mesh("plan", "apply", "--app", "greeter", "--instances", "0", "--key", operatorKey.toString());
        assertThat(scale.code()).as(scale.toString()).isZero();
        assertThat(scale.out()).contains("revision 2");
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
            List<String> states = mesh("instances", "--app", "greeter", "-o", "json").json().get("instances").findValuesAsText("state");
            assertThat(states).allMatch(s -> s.equals("stopped"));
        });
    }
}
