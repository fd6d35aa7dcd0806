package io.mycelium.agent.hyphae;

import static org.assertj.core.api.Assertions.assertThat;

import io.mycelium.edge.fabric.FabricEndpointDirectory;
import io.mycelium.edge.route.AppEndpoints;
import io.mycelium.edge.route.Endpoint;
import io.mycelium.fabric.ClusterMember;
import io.mycelium.fabric.ClusterView;
import io.mycelium.fabric.membership.MemberStatus;
import io.mycelium.fabric.model.EndpointRecord;
import io.mycelium.fabric.model.EndpointState;
import io.mycelium.fabric.model.HyphaeInfo;
import io.mycelium.fabric.model.Json;
import io.mycelium.fabric.model.Plan;
import io.mycelium.fabric.model.RecordKind;
import io.mycelium.fabric.model.Role;
import io.mycelium.fabric.state.FabricRecord;
import io.mycelium.fabric.state.OperatorRecords;
import io.mycelium.fabric.state.RecordKey;
import io.mycelium.fabric.state.Version;
import io.mycelium.spore.digest.Digest;
import io.mycelium.spore.key.SigningKey;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The routing decision on a hand-made view: no threads, no sockets. */
class HyphaeRoutesTest {
    private static final Digest V1 = Digest.of("v1".getBytes(StandardCharsets.UTF_8));
    private static final Digest V2 = Digest.of("v2".getBytes(StandardCharsets.UTF_8));
    private static final SigningKey OPERATOR = SigningKey.generate();

    /**
     * Nodes a, b, d, e alive and c dead; billing on a (v1), b (v1, v2 not in the plan), c and d; routers on
     * a, b and c, none on d; e's router has no identity key (it cannot speak the overlay's mutual TLS).
     */
    private static ClusterView view(String self) {
        List<ClusterMember> members = new ArrayList<>();
        for (String id : List.of("a", "b", "c", "d", "e")) {
            members.add(new ClusterMember(id, Role.AGENT, "127.0.0.1", 1, 2, id.equals("c") ? MemberStatus.DEAD : MemberStatus.ALIVE,
                    0, id.equals(self)));
        }
        List<FabricRecord> records = new ArrayList<>();
        records.add(endpoint("a", "billing-a", V1, 21001));
        records.add(endpoint("b", "billing-b", V1, 22001));
        records.add(endpoint("b", "billing-b2", V2, 22002));
        records.add(endpoint("c", "billing-c", V1, 23001));
        records.add(endpoint("d", "billing-d", V1, 24001));
        records.add(node(RecordKind.HYPHAE, "a", "", new HyphaeInfo("127.0.0.1", 7101, key("a"))));
        records.add(node(RecordKind.HYPHAE, "b", "", new HyphaeInfo("127.0.0.2", 7102, key("b"))));
        records.add(node(RecordKind.HYPHAE, "c", "", new HyphaeInfo("127.0.0.3", 7103, key("c"))));
        records.add(node(RecordKind.HYPHAE, "e", "", new HyphaeInfo("127.0.0.5", 7105)));
        records.add(OperatorRecords.sign(OPERATOR, Plan.of("billing", V1, 4), "billing", 1, 1));
        return new ClusterView(self, 0, members, records);
    }

    private static String key(String node) {
        return java.util.Base64.getEncoder().encodeToString(SigningKey.generate().verifyingKey().raw());
    }

    private static FabricRecord endpoint(String node, String id, Digest digest, int port) {
        return node(RecordKind.ENDPOINT, node, id, new EndpointRecord("billing", id, digest, "127.0.0.1", port, EndpointState.READY));
    }

    private static FabricRecord node(RecordKind kind, String owner, String name, Object payload) {
        return new FabricRecord(RecordKey.node(kind, owner, name), new Version(1, 1, ""), Json.write(payload), "");
    }

    /** The edge's own snapshot of billing in {@code view}: the input both routers and edges share. */
    private static AppEndpoints edgeSnapshot(ClusterView view) {
        FabricEndpointDirectory d = new FabricEndpointDirectory(() -> view);
        d.refresh();
        return d.app("billing").orElseThrow();
    }

    @Test
    void onlyLiveNodesWithARecordAndAnIdentityKeyHaveARouter() {
        HyphaeRoutes.Nodes nodes = HyphaeRoutes.nodes(view("a"));
        assertThat(nodes.routers()).containsOnlyKeys("a", "b");
        assertThat(nodes.ownerOf()).containsEntry("billing-a", "a").containsEntry("billing-b2", "b").containsEntry("billing-d", "d");
    }

    @Test
    void aCallerReachesLocalInstancesDirectlyAndOthersThroughTheirNodesRouter() {
        ClusterView v = view("a");
        AppEndpoints edge = edgeSnapshot(v);
        AppEndpoints routed = HyphaeRoutes.forCallers(edge, "a", HyphaeRoutes.nodes(v));
        assertThat(routed.endpoints()).containsExactly(
                new Endpoint("billing-a", "127.0.0.1", 21001, Endpoint.State.READY, V1.toString(), false),
                new Endpoint("billing-b", "127.0.0.2", 7102, Endpoint.State.READY, V1.toString(), true),
                new Endpoint("billing-b2", "127.0.0.2", 7102, Endpoint.State.READY, V2.toString(), true));
        // the revision split is the edge's: the plan's v1 only, so b2 (v2) is listed but not routable
        assertThat(routed.split()).isEqualTo(edge.split());
        assertThat(routed.routable()).extracting(Endpoint::id).containsExactly("billing-a", "billing-b");
    }

    @Test
    void aCallDeliveredByAnotherRouterGoesOnlyToThisNodesInstances() {
        ClusterView v = view("b");
        AppEndpoints peers = HyphaeRoutes.forPeers(edgeSnapshot(v), "b", HyphaeRoutes.nodes(v));
        assertThat(peers.endpoints()).extracting(Endpoint::id).containsExactly("billing-b", "billing-b2");
        assertThat(peers.endpoints()).noneMatch(Endpoint::hop);
        assertThat(HyphaeRoutes.forPeers(edgeSnapshot(view("d")), "x", HyphaeRoutes.nodes(v)).endpoints()).isEmpty();
    }
}
