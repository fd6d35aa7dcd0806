package io.mycelium.agent.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mycelium.agent.instance.InstanceStatus;
import io.mycelium.fabric.model.InstanceState;
import io.mycelium.fabric.model.Plan;
import io.mycelium.fabric.model.RecordKind;
import io.mycelium.fabric.model.RoutingReport;
import io.mycelium.fabric.state.RecordKey;
import io.mycelium.spore.pack.PackedSpore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Two agents in one JVM, one greeter instance: a call through either agent's hyphae router reaches
 * it, directly on its own node and through the owner's overlay listener from the other.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HyphaeRoutingTest {
    private TestMesh mesh;
    private List<Agent> agents;
    private Agent owner;
    private Agent other;

    @BeforeAll
    void startTwoAgentsAndOneGreeter() throws Exception {
        mesh = new TestMesh();
        agents = mesh.startWithRouters(2, "greeter");
        owner = agents.stream().filter(a -> a.supervisor().instances().stream().anyMatch(i -> i.state() == InstanceState.READY))
                .findFirst().orElseThrow();
        other = agents.stream().filter(a -> a != owner).findFirst().orElseThrow();
    }

    @AfterAll
    void stop() throws Exception {
        if (mesh != null) {
            mesh.close();
        }
    }

    @Test
    void theInstanceIsToldWhereItsNodesRouterIs() throws Exception {
        InstanceStatus s = owner.supervisor().instances().getFirst();
        String environ = new String(Files.readAllBytes(Path.of("/proc/" + s.pid() + "/environ")), StandardCharsets.UTF_8);
        // the router's URL with the prefix that names this instance as the caller (for intentions)
        assertThat(List.of(environ.split("\0"))).contains("MYCELIUM_HYPHAE=" + owner.hyphae().urlFor("greeter", s.instanceId()));
        assertThat(owner.hyphae().urlFor("greeter", s.instanceId())).startsWith(owner.hyphae().url() + "/~greeter." + s.instanceId() + ".");
        assertThat(owner.hyphae().url()).isNotEqualTo(other.hyphae().url());
    }

    @Test
    void aCallFromEitherNodeReachesTheInstanceAndOnlyTheRemoteOneCrossesTheOverlay() throws Exception {
        long overlayBefore = owner.hyphae().overlayMetrics().app("greeter").requests();
        assertThat(mesh.getBody(owner.hyphae().url() + "/greeter/hello")).contains("\"app\": \"greeter\"");
        assertThat(owner.hyphae().overlayMetrics().app("greeter").requests()).isEqualTo(overlayBefore);
        for (int i = 0; i < 5; i++) {
            assertThat(mesh.getBody(other.hyphae().url() + "/greeter/hello")).contains("\"app\": \"greeter\"");
        }
        // an exchange is counted once its response is sent: wait for the count, not for time
        await().atMost(Duration.ofSeconds(5)).until(() -> owner.hyphae().overlayMetrics().app("greeter").requests() == overlayBefore + 5);
        await().atMost(Duration.ofSeconds(5)).until(() -> other.hyphae().callerMetrics().app("greeter").requests(2) == 5);
        // the overlay speaks only mutual TLS: plain HTTP gets no answer at all
        assertThat(mesh.get("http://127.0.0.1:" + owner.hyphae().overlay().port() + "/greeter/hello")).isEqualTo(-1);
        // each node published its identity key (kept owner-only in its data dir), and the other admits it
        for (Agent a : agents) {
            String id = a.config().nodeId();
            String published = other.fabric().view().record(RecordKey.node(RecordKind.HYPHAE, id, ""))
                    .flatMap(r -> r.value(io.mycelium.fabric.model.HyphaeInfo.class)).orElseThrow().key();
            Path dir = a.config().dataDir().toAbsolutePath().resolve("hyphae");
            assertThat(published).isEqualTo(java.util.Base64.getEncoder().encodeToString(
                    io.mycelium.spore.key.VerifyingKey.read(dir.resolve("identity.pub")).raw()));
            assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("identity.key"))))
                    .isEqualTo("rw-------");
            assertThat(other.hyphae().overlayTls().nodeOf(published)).contains(id);
        }
    }

    @Test
    void anUnknownAppIsA404WithTheEdgesReason() throws Exception {
        assertThat(mesh.get(other.hyphae().url() + "/nosuchapp/hello")).isEqualTo(404);
        assertThat(mesh.getBody(other.hyphae().url() + "/nosuchapp/hello")).contains("unknown app");
    }

    @Test
    void eachNodesRouterReportsItsRoutingForTheSwitchBarrier() {
        io.mycelium.spore.digest.Digest greeter = owner.fabric().view().plan("greeter").orElseThrow().digest();
        for (Agent a : agents) {
            RecordKey key = RecordKey.node(RecordKind.ROUTING, a.config().nodeId(), "greeter");
            await("the routing report of " + a.config().nodeId()).atMost(Duration.ofSeconds(10)).until(() -> agents.stream().allMatch(seer ->
                    seer.fabric().view().record(key).flatMap(r -> r.value(RoutingReport.class))
                            .filter(r -> r.weights().containsKey(greeter) && r.readyOf(greeter) == 1).isPresent()));
        }
    }
}
