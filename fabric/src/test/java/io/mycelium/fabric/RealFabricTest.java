package io.mycelium.fabric;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mycelium.fabric.membership.MemberStatus;
import io.mycelium.fabric.model.EndpointRecord;
import io.mycelium.fabric.model.EndpointState;
import io.mycelium.fabric.model.Plan;
import io.mycelium.fabric.model.Role;
import io.mycelium.fabric.state.OperatorRecords;
import io.mycelium.fabric.wire.Keyring;
import io.mycelium.spore.digest.Digest;
import io.mycelium.spore.key.SigningKey;
import io.mycelium.spore.key.TrustStore;
import io.mycelium.testing.Ports;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real members (ScaleCube over loopback TCP, sealed frames) in one JVM. */
class RealFabricTest {
    private final Keyring keyring = Keyring.of(Keyring.ClusterKey.of("k1", Keyring.newKeyBytes()));
    private final SigningKey operator = SigningKey.generate();
    private final TrustStore trust = TrustStore.of(operator.verifyingKey());
    private final List<FabricNode> nodes = new ArrayList<>();

    @TempDir
    Path tmp;

    @AfterEach
    void stopAll() {
        for (FabricNode n : nodes) {
            n.close();
        }
    }

    private FabricNode start(String id, Keyring ring, List<InetSocketAddress> join) {
        FabricConfig c = FabricConfig.builder("test", id, Role.AGENT, "127.0.0.1", Ports.free()).dataDir(tmp.resolve(id)).build();
        FabricNode n = FabricNode.start(new FabricNode.Options(c, ring, trust, join, null, null));
        nodes.add(n);
        return n;
    }

    private static InetSocketAddress addr(FabricNode n) {
        return new InetSocketAddress("127.0.0.1", n.fabric().config().fabricPort());
    }

    @Test
    void threeMembersJoinByStaticSeedAndShareRecordsAndPlans() {
        FabricNode a = start("a", keyring, List.of());
        FabricNode b = start("b", keyring, List.of(addr(a)));
        FabricNode c = start("c", keyring, List.of(addr(a)));
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            for (FabricNode n : List.of(a, b, c)) {
                assertThat(n.fabric().view().liveMembers()).extracting(ClusterMember::id).containsExactlyInAnyOrder("a", "b", "c");
            }
        });
        Digest d = Digest.of("v1".getBytes(StandardCharsets.UTF_8));
        b.fabric().publish(new EndpointRecord("billing", "billing-0", d, "127.0.0.1", 8081, EndpointState.READY));
        SubmitResult r = c.fabric().submit(OperatorRecords.sign(operator, Plan.of("billing", d, 2), "billing", 1, c.fabric().hlcNow()));
        assertThat(r.accepted()).isTrue();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            for (FabricNode n : List.of(a, b, c)) {
                ClusterView v = n.fabric().view();
                assertThat(v.readyEndpoints("billing")).extracting(EndpointRecord::port).containsExactly(8081);
                assertThat(v.plan("billing")).map(Plan::instances).contains(2);
                assertThat(v.nodeInfo("a")).isPresent();
            }
        });
    }

    @Test
    void memberWithoutTheClusterKeyCannotJoinOrInject() {
        FabricNode a = start("a", keyring, List.of());
        FabricNode b = start("b", keyring, List.of(addr(a)));
        Keyring other = Keyring.of(Keyring.ClusterKey.of("evil", Keyring.newKeyBytes()));
        FabricNode mallory = start("mallory", other, List.of(addr(a), addr(b)));
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() ->
                assertThat(a.fabric().metrics().get("dropped_wrong_key")).isPositive());
        assertThat(a.fabric().view().members()).extracting(ClusterMember::id).doesNotContain("mallory");
        assertThat(b.fabric().view().members()).extracting(ClusterMember::id).doesNotContain("mallory");
        assertThat(mallory.fabric().view().members()).extracting(ClusterMember::id).containsExactly("mallory");
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() ->
                assertThat(a.fabric().view().liveMembers()).extracting(ClusterMember::id).containsExactlyInAnyOrder("a", "b"));
    }

    @Test
    void keyRotationWithAcceptedOldKeyKeepsMembersTogether() {
        Keyring.ClusterKey k1 = keyring.primary();
        Keyring.ClusterKey k2 = Keyring.ClusterKey.of("k2", Keyring.newKeyBytes());
        FabricNode a = start("a", Keyring.of(k1, k2), List.of());
        FabricNode b = start("b", Keyring.of(k2, k1), List.of(addr(a)));
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            assertThat(a.fabric().view().liveMembers()).hasSize(2);
            assertThat(b.fabric().view().liveMembers()).hasSize(2);
        });
    }

    @Test
    void closedMemberIsSeenAsDeadAndStateSurvivesRestart() {
        FabricNode a = start("a", keyring, List.of());
        FabricNode b = start("b", keyring, List.of(addr(a)));
        Digest d = Digest.of("v1".getBytes(StandardCharsets.UTF_8));
        a.fabric().submit(OperatorRecords.sign(operator, Plan.of("web", d, 1), "web", 3, a.fabric().hlcNow()));
        await().atMost(Duration.ofSeconds(10)).until(() -> b.fabric().view().plan("web").isPresent());
        int bPort = b.fabric().config().fabricPort();
        b.close();
        nodes.remove(b);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(a.fabric().view().member("b")).map(ClusterMember::status).contains(MemberStatus.DEAD));
        FabricConfig c = FabricConfig.builder("test", "b", Role.AGENT, "127.0.0.1", bPort).dataDir(tmp.resolve("b")).build();
        FabricNode b2 = FabricNode.start(new FabricNode.Options(c, keyring, trust, List.of(), null, null));
        nodes.add(b2);
        assertThat(b2.fabric().view().plan("web")).map(Plan::instances).contains(1);
        assertThat(b2.fabric().view().planRevision("web")).isEqualTo(3);
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() ->
                assertThat(a.fabric().view().member("b")).map(ClusterMember::status).contains(MemberStatus.ALIVE));
    }

    @Test
    void twoSingleNodeClustersMergeWhenTheyLearnOfEachOther() {
        FabricNode a = start("a", keyring, List.of());
        FabricNode b = start("b", keyring, List.of());
        a.fabric().publish(new io.mycelium.fabric.model.Telemetry(java.util.Map.of("x", 1.0)));
        assertThat(a.fabric().view().liveMembers()).hasSize(1);
        a.fabric().membership().addSeeds(List.of(addr(b)));
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            assertThat(a.fabric().view().liveMembers()).extracting(ClusterMember::id).containsExactlyInAnyOrder("a", "b");
            assertThat(b.fabric().view().liveMembers()).extracting(ClusterMember::id).containsExactlyInAnyOrder("a", "b");
            assertThat(b.fabric().view().telemetry("a")).isPresent();
        });
    }

    @Test
    void membersOnLoopbackFindEachOtherByMdnsAlone() {
        FabricConfig ca = FabricConfig.builder("mdns-" + System.nanoTime(), "ma", Role.AGENT, "127.0.0.1", Ports.free()).build();
        FabricConfig cb = FabricConfig.builder(ca.cluster(), "mb", Role.EDGE, "127.0.0.1", Ports.free()).build();
        FabricNode a = FabricNode.start(new FabricNode.Options(ca, keyring, trust, List.of(), "127.0.0.1", null));
        nodes.add(a);
        FabricNode b = FabricNode.start(new FabricNode.Options(cb, keyring, trust, List.of(), "127.0.0.1", null));
        nodes.add(b);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            assertThat(a.fabric().view().liveMembers()).extracting(ClusterMember::id).containsExactlyInAnyOrder("ma", "mb");
            assertThat(b.fabric().view().liveMembers(Role.EDGE)).extracting(ClusterMember::id).containsExactly("mb");
        });
    }

    private static void sendFrames(int port, List<byte[]> frames) throws java.io.IOException {
        try (java.net.Socket s = new java.net.Socket("127.0.0.1", port)) {
            java.io.DataOutputStream out = new java.io.DataOutputStream(s.getOutputStream());
            for (byte[] f : frames) {
                out.writeInt(f.length);
                out.write(f);
            }
            out.flush();
        }
    }

    @Test
    void garbageTruncatedWrongKeyAndReplayedFramesOnTheRealPortAreDroppedAndCounted() throws Exception {
        FabricNode a = start("a", keyring, List.of());
        FabricNode b = start("b", keyring, List.of(addr(a)));
        await().atMost(Duration.ofSeconds(15)).until(() -> a.fabric().view().liveMembers().size() == 2);
        io.mycelium.fabric.metrics.FabricMetrics m = new io.mycelium.fabric.metrics.FabricMetrics();
        io.mycelium.fabric.wire.Sealer insider = new io.mycelium.fabric.wire.Sealer(keyring, "x", 1, m);
        io.mycelium.fabric.wire.Sealer outsider = new io.mycelium.fabric.wire.Sealer(
                Keyring.of(Keyring.ClusterKey.of("evil", Keyring.newKeyBytes())), "x", 1, m);
        byte[] body = io.mycelium.fabric.membership.SealedScaleCubeCodec.encode(io.scalecube.cluster.transport.api.Message.builder()
                .qualifier("mycelium/fabric").header("mf-from", "x")
                .data(io.mycelium.fabric.wire.WireCodec.encode(new io.mycelium.fabric.wire.WireMessage.DigestRequest(
                        new long[io.mycelium.fabric.state.StateStore.BUCKETS]))).build());
        byte[] sealed = insider.seal(body);
        byte[] garbage = new byte[300];
        new java.util.Random(1).nextBytes(garbage);
        int port = a.fabric().config().fabricPort();
        sendFrames(port, List.of(sealed, sealed));
        sendFrames(port, List.of(garbage));
        sendFrames(port, List.of(java.util.Arrays.copyOf(sealed, 30)));
        sendFrames(port, List.of(outsider.seal(body)));
        io.mycelium.fabric.metrics.FabricMetrics am = a.fabric().metrics();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(am.get("dropped_replayed")).isGreaterThanOrEqualTo(1);
            assertThat(am.get("dropped_malformed")).isGreaterThanOrEqualTo(1);
            assertThat(am.get("dropped_truncated")).isGreaterThanOrEqualTo(1);
            assertThat(am.get("dropped_wrong_key")).isGreaterThanOrEqualTo(1);
        });
        Digest d = Digest.of("after".getBytes(StandardCharsets.UTF_8));
        a.fabric().publish(new EndpointRecord("web", "web-0", d, "127.0.0.1", 9001, EndpointState.READY));
        await().atMost(Duration.ofSeconds(10)).until(() -> b.fabric().view().readyEndpoints("web").size() == 1);
        assertThat(a.fabric().view().liveMembers()).hasSize(2);
    }
}
