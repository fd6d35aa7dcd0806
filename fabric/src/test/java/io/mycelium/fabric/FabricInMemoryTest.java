package io.mycelium.fabric;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mycelium.fabric.gossip.InMemoryNetwork;
import io.mycelium.fabric.membership.InMemoryMembership;
import io.mycelium.fabric.membership.MemberInfo;
import io.mycelium.fabric.membership.MemberStatus;
import io.mycelium.fabric.metrics.FabricMetrics;
import io.mycelium.fabric.model.Capacity;
import io.mycelium.fabric.model.EndpointRecord;
import io.mycelium.fabric.model.EndpointState;
import io.mycelium.fabric.model.InstanceRecord;
import io.mycelium.fabric.model.InstanceState;
import io.mycelium.fabric.model.Plan;
import io.mycelium.fabric.model.RecordKind;
import io.mycelium.fabric.model.Role;
import io.mycelium.fabric.state.FabricRecord;
import io.mycelium.fabric.state.OperatorRecords;
import io.mycelium.fabric.time.EventLoop;
import io.mycelium.spore.digest.Digest;
import io.mycelium.spore.key.SigningKey;
import io.mycelium.spore.key.TrustStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The facade on the simulated network and membership, under the fake clock. */
class FabricInMemoryTest {
    private final EventLoop loop = new EventLoop(1_000_000);
    private final InMemoryNetwork net = new InMemoryNetwork(loop, 1, 0, 1, 3);
    private final InMemoryMembership.Registry registry = new InMemoryMembership.Registry(loop, net, 1_500);
    private final SigningKey operator = SigningKey.generate();
    private final TrustStore trust = TrustStore.of(operator.verifyingKey());
    private final Digest d1 = Digest.of("v1".getBytes(StandardCharsets.UTF_8));

    @TempDir
    Path tmp;

    private Fabric node(String id, Role role, Path dataDir) {
        FabricConfig c = FabricConfig.builder("sim", id, role, "10.0.0." + id.length(), 7946).dataDir(dataDir).build();
        InMemoryMembership m = registry.member(new MemberInfo("sim", id, role, c.host(), 7946, 8080));
        Fabric f = new Fabric(c, m, loop, trust, new FabricMetrics());
        f.start();
        return f;
    }

    private List<Fabric> cluster(int n) {
        List<Fabric> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(node("n" + i, i == 0 ? Role.EDGE : Role.AGENT, null));
        }
        loop.runUntil(loop.now() + 3_000);
        return out;
    }

    @Test
    void everyMemberSeesTheOthersAndTheirRecords() {
        List<Fabric> fs = cluster(5);
        fs.get(2).publish(new Capacity(4000, 3000, 8192, 4096));
        fs.get(3).publish(new InstanceRecord("web-0", "web", 0, d1, InstanceState.READY, 0, ""));
        fs.get(3).publish(new EndpointRecord("web", "web-0", d1, "10.0.0.3", 9000, EndpointState.READY));
        loop.runUntil(loop.now() + 2_000);
        for (Fabric f : fs) {
            ClusterView v = f.view();
            assertThat(v.liveMembers()).hasSize(5);
            assertThat(v.liveMembers(Role.EDGE)).extracting(ClusterMember::id).containsExactly("n0");
            assertThat(v.capacity("n2")).map(Capacity::memoryMbFree).contains(4096L);
            assertThat(v.instancesOn("n3")).extracting(InstanceRecord::instanceId).containsExactly("web-0");
            assertThat(v.readyEndpoints("web")).extracting(EndpointRecord::port).containsExactly(9000);
            assertThat(v.nodeInfo("n4")).map(i -> i.role()).contains(Role.AGENT);
            assertThat(v.member(f.nodeId())).map(ClusterMember::self).contains(true);
        }
    }

    @Test
    void crashedMemberIsDeadAndItsEndpointsLeaveEveryView() {
        List<Fabric> fs = cluster(4);
        fs.get(3).publish(new EndpointRecord("web", "web-0", d1, "10.0.0.3", 9000, EndpointState.READY));
        loop.runUntil(loop.now() + 1_000);
        assertThat(fs.get(1).view().endpoints("web")).hasSize(1);
        registry.crash("n3");
        loop.runUntil(loop.now() + 2_000);
        ClusterView v = fs.get(1).view();
        assertThat(v.member("n3")).map(ClusterMember::status).contains(MemberStatus.DEAD);
        assertThat(v.endpoints("web")).isEmpty();
        assertThat(v.liveMembers()).hasSize(3);
    }

    @Test
    void submitAcceptsTrustedPlansAndRefusesForgedOrOlderOnesWithAReason() {
        List<Fabric> fs = cluster(3);
        Fabric f = fs.get(1);
        assertThat(f.submit(OperatorRecords.sign(operator, Plan.of("web", d1, 2), "web", 2, f.hlcNow())).accepted()).isTrue();
        SubmitResult forged = f.submit(OperatorRecords.sign(SigningKey.generate(), Plan.of("web", d1, 9), "web", 3, f.hlcNow()));
        assertThat(forged.accepted()).isFalse();
        assertThat(forged.reason()).contains("untrusted key");
        SubmitResult rollback = f.submit(OperatorRecords.sign(operator, Plan.of("web", d1, 1), "web", 1, f.hlcNow()));
        assertThat(rollback.reason()).contains("lower than the held revision 2");
        assertThat(f.metrics().get("records_forged")).isEqualTo(1);
        assertThat(f.metrics().get("records_rollback")).isEqualTo(1);
        loop.runUntil(loop.now() + 2_000);
        for (Fabric other : fs) {
            assertThat(other.view().plan("web")).map(Plan::instances).contains(2);
            assertThat(other.view().planRevision("web")).isEqualTo(2);
        }
        assertThatThrownBy(() -> f.publish(Plan.of("web", d1, 1))).hasMessageContaining("operator record");
    }

    @Test
    void deleteHidesTheRecordEverywhereAndListenersHearChanges() {
        List<Fabric> fs = cluster(3);
        List<FabricChange> heard = new ArrayList<>();
        fs.get(0).addListener(heard::add);
        fs.get(2).publish(new EndpointRecord("web", "web-0", d1, "10.0.0.2", 9000, EndpointState.READY));
        loop.runUntil(loop.now() + 1_000);
        assertThat(fs.get(0).view().endpoints("web")).hasSize(1);
        fs.get(2).delete(RecordKind.ENDPOINT, "web-0");
        loop.runUntil(loop.now() + 1_000);
        assertThat(fs.get(0).view().endpoints("web")).isEmpty();
        assertThat(heard).extracting(FabricChange::record).filteredOn(r -> r != null && r.key().kind() == RecordKind.ENDPOINT)
                .extracting(FabricRecord::tombstone).containsExactly(false, true);
    }

    @Test
    void stateAndIncarnationSurviveARestartOfEveryNode() {
        Fabric a = node("a", Role.AGENT, tmp.resolve("a"));
        Fabric b = node("b", Role.AGENT, tmp.resolve("b"));
        loop.runUntil(loop.now() + 1_000);
        a.submit(OperatorRecords.sign(operator, Plan.of("web", d1, 3), "web", 1, a.hlcNow()));
        b.publish(new EndpointRecord("web", "web-0", d1, "10.0.0.2", 9000, EndpointState.READY));
        loop.runUntil(loop.now() + 3_000);
        long incarnation = b.incarnation();
        a.close();
        b.close();
        Fabric a2 = node("a", Role.AGENT, tmp.resolve("a"));
        Fabric b2 = node("b", Role.AGENT, tmp.resolve("b"));
        assertThat(b2.incarnation()).isGreaterThan(incarnation);
        assertThat(a2.view().plan("web")).map(Plan::instances).contains(3);
        assertThat(a2.view().record(new io.mycelium.fabric.state.RecordKey(RecordKind.ENDPOINT, "b", "web-0"))).isPresent();
        b2.publish(new EndpointRecord("web", "web-0", d1, "10.0.0.2", 9001, EndpointState.READY));
        loop.runUntil(loop.now() + 2_000);
        assertThat(a2.view().readyEndpoints("web")).extracting(EndpointRecord::port).containsExactly(9001);
    }
}
