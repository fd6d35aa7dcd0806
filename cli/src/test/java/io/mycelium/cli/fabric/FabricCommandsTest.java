package io.mycelium.cli.fabric;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.mycelium.cli.CliContext;
import io.mycelium.cli.CliRun;
import io.mycelium.fabric.FabricConfig;
import io.mycelium.fabric.FabricNode;
import io.mycelium.fabric.model.EndpointRecord;
import io.mycelium.fabric.model.EndpointState;
import io.mycelium.fabric.model.Plan;
import io.mycelium.fabric.model.Role;
import io.mycelium.fabric.state.OperatorRecords;
import io.mycelium.fabric.status.StatusServer;
import io.mycelium.fabric.wire.Keyring;
import io.mycelium.spore.digest.Digest;
import io.mycelium.spore.key.SigningKey;
import io.mycelium.spore.key.TrustStore;
import io.mycelium.testing.Ports;
import io.mycelium.spore.time.Clock;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FabricCommandsTest {
    @TempDir
    Path tmp;

    @Test
    void simulatePrintsTheConvergenceFiguresAsJson() {
        CliRun r = CliRun.run(tmp, "fabric", "simulate", "--nodes", "300", "--loss", "0.05", "--seed", "4", "-o", "json");
        assertThat(r.code()).as(r.toString()).isZero();
        JsonNode j = r.json();
        assertThat(j.get("nodes").asInt()).isEqualTo(300);
        assertThat(j.get("complete").asBoolean()).isTrue();
        assertThat(j.get("p50_ms").asLong()).isLessThanOrEqualTo(j.get("p99_ms").asLong());
        assertThat(j.get("p99_ms").asLong()).isLessThanOrEqualTo(j.get("p9999_ms").asLong());
        assertThat(j.get("msgs_per_node_per_s").asDouble()).isPositive();
        assertThat(j.get("bytes_per_node_per_s").asDouble()).isPositive();
        assertThat(j.has("rounds")).isTrue();
    }

    @Test
    void simulateIsReproducibleForASeed() {
        CliRun a = CliRun.run(tmp, "fabric", "simulate", "--nodes", "200", "--seed", "9", "-o", "json");
        CliRun b = CliRun.run(tmp, "fabric", "simulate", "--nodes", "200", "--seed", "9", "-o", "json");
        assertThat(a.out()).isEqualTo(b.out());
    }

    @Test
    void simulateRefusesAnImpossibleLossInOneLine() {
        CliRun r = CliRun.run(tmp, "fabric", "simulate", "--loss", "1.5");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.errLines()).hasSize(1);
        assertThat(r.err()).contains("--loss 1.5");
    }

    @Test
    void keygenWritesAKeyringOnceAndNeverOverwrites() throws IOException {
        Path f = tmp.resolve("cluster.key");
        CliRun r = CliRun.run(tmp, "fabric", "keygen", "--out", f.toString());
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(Keyring.read(f).size()).isEqualTo(1);
        String before = Files.readString(f);
        CliRun again = CliRun.run(tmp, "fabric", "keygen", "--out", f.toString());
        assertThat(again.code()).isEqualTo(1);
        assertThat(again.err()).contains("never overwritten");
        assertThat(Files.readString(f)).isEqualTo(before);
    }

    @Test
    void nodesAndStateShowWhatAMemberSees() throws Exception {
        Keyring ring = Keyring.of(Keyring.ClusterKey.of("k", Keyring.newKeyBytes()));
        SigningKey op = SigningKey.generate();
        TrustStore trust = TrustStore.of(op.verifyingKey());
        FabricNode a = FabricNode.start(new FabricNode.Options(
                FabricConfig.builder("cli", "alpha", Role.AGENT, "127.0.0.1", Ports.free()).build(), ring, trust, List.of(), null, null));
        FabricNode b = FabricNode.start(new FabricNode.Options(
                FabricConfig.builder("cli", "beta", Role.EDGE, "127.0.0.1", Ports.free()).build(), ring, trust,
                List.of(new InetSocketAddress("127.0.0.1", a.fabric().config().fabricPort())), null, null));
        StatusServer status = new StatusServer(a.fabric(), "127.0.0.1", 0);
        try {
            Digest d = Digest.of("x".getBytes(StandardCharsets.UTF_8));
            b.fabric().publish(new EndpointRecord("web", "web-0", d, "127.0.0.1", 9000, EndpointState.READY));
            b.fabric().submit(OperatorRecords.sign(op, Plan.of("web", d, 2), "web", 7, b.fabric().hlcNow()));
            await().atMost(Duration.ofSeconds(15)).until(() -> a.fabric().view().plan("web").isPresent()
                    && a.fabric().view().liveMembers().size() == 2 && !a.fabric().view().endpoints("web").isEmpty());
            CliContext ctx = new CliContext(Map.of("MESH_API", "http://127.0.0.1:" + status.port()), tmp, Clock.SYSTEM);
            CliRun nodes = CliRun.run(ctx, "nodes", "-o", "json");
            assertThat(nodes.code()).as(nodes.toString()).isZero();
            assertThat(nodes.json().get("self").asText()).isEqualTo("alpha");
            assertThat(nodes.json().get("members")).extracting(m -> m.get("id").asText() + "/" + m.get("role").asText()
                    + "/" + m.get("status").asText()).containsExactlyInAnyOrder("alpha/agent/alive", "beta/edge/alive");
            CliRun table = CliRun.run(ctx, "nodes");
            assertThat(table.out()).contains("alpha (self)", "beta", "edge", "alive", "127.0.0.1:");
            CliRun state = CliRun.run(ctx, "state", "--kind", "plan", "-o", "json");
            assertThat(state.code()).as(state.toString()).isZero();
            JsonNode plan = state.json().get("records").get(0);
            assertThat(plan.get("major").asLong()).isEqualTo(7);
            assertThat(plan.get("signer").asText()).isEqualTo(op.id().hex());
            assertThat(plan.get("payload").get("instances").asInt()).isEqualTo(2);
            CliRun stateTable = CliRun.run(ctx, "state");
            assertThat(stateTable.out()).contains("plan", "operator", "web", "7.", "endpoint", "beta", "node");
        } finally {
            status.close();
            b.close();
            a.close();
        }
    }

    @Test
    void nodesNamesTheUnreachableApiInOneLine() throws IOException {
        int port = Ports.free();
        CliRun r = CliRun.run(tmp, "nodes", "--api", "http://127.0.0.1:" + port);
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.errLines()).hasSize(1);
        assertThat(r.err()).contains("cannot reach the agent at http://127.0.0.1:" + port, "is `mesh agent` running?");
    }

    @Test
    void memberWithAMissingKeyringSaysWhichFileInOneLine() {
        Path missing = tmp.resolve("no-such.key");
        CliRun r = CliRun.run(tmp, "fabric", "member", "--node-id", "a", "--cluster-key", missing.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.errLines()).hasSize(1);
        assertThat(r.err()).contains(missing.toString(), "cannot read the cluster keyring");
    }
}
