package io.mycelium.agent.reconcile;

import io.mycelium.fabric.ClusterMember;
import io.mycelium.fabric.ClusterView;
import io.mycelium.fabric.FabricChange;
import io.mycelium.fabric.membership.MemberInfo;
import io.mycelium.fabric.membership.MemberStatus;
import io.mycelium.fabric.membership.MembershipEvent;
import io.mycelium.fabric.model.Capacity;
import io.mycelium.fabric.model.EndpointRecord;
import io.mycelium.fabric.model.EndpointState;
import io.mycelium.fabric.model.InstanceRecord;
import io.mycelium.fabric.model.InstanceState;
import io.mycelium.fabric.model.Json;
import io.mycelium.fabric.model.NodeInfo;
import io.mycelium.fabric.model.Plan;
import io.mycelium.fabric.model.RecordKind;
import io.mycelium.fabric.model.Role;
import io.mycelium.fabric.model.Telemetry;
import io.mycelium.fabric.placement.SlotId;
import io.mycelium.fabric.state.FabricRecord;
import io.mycelium.fabric.state.OperatorRecords;
import io.mycelium.fabric.state.RecordKey;
import io.mycelium.fabric.state.Version;
import io.mycelium.spore.digest.Digest;
import io.mycelium.spore.key.SigningKey;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Which fabric changes ask the reconciler for a pass, and that the others cannot change a decision. */
class PassTriggerTest {
    private static final SigningKey OPERATOR = SigningKey.generate();
    private static final Digest V1 = Digest.of("v1".getBytes(StandardCharsets.UTF_8));

    private static FabricRecord node(RecordKind kind, String owner, String name, Object payload) {
        return new FabricRecord(RecordKey.node(kind, owner, name), new Version(1, 1, ""), Json.write(payload), "");
    }

    private static FabricChange change(FabricRecord r) {
        return FabricChange.of(r);
    }

    @Test
    void plansCapacityNodesHoldingsAndOtherNodesInstancesAskForAPass() {
        assertThat(Reconciler.affectsDecisions(change(OperatorRecords.sign(OPERATOR, Plan.of("web", V1, 2), "web", 1, 1)), "a")).isTrue();
        assertThat(Reconciler.affectsDecisions(change(node(RecordKind.CAPACITY, "b", "", new Capacity(2000, 2000, 2048, 2048))), "a")).isTrue();
        assertThat(Reconciler.affectsDecisions(change(node(RecordKind.CAPACITY, "a", "", new Capacity(2000, 1000, 2048, 1024))), "a")).isTrue();
        assertThat(Reconciler.affectsDecisions(change(node(RecordKind.NODE, "b", "", new NodeInfo("b", Role.AGENT, Map.of(), "http://b", ""))), "a"))
                .isTrue();
        assertThat(Reconciler.affectsDecisions(change(node(RecordKind.INSTANCE, "b", "web-0",
                new InstanceRecord("web-0", "web", 0, V1, InstanceState.READY, 0, ""))), "a")).isTrue();
        assertThat(Reconciler.affectsDecisions(FabricChange.of(new MembershipEvent(MembershipEvent.Type.REMOVED,
                new MemberInfo("c1", "b", Role.AGENT, "127.0.0.1", 1, 2), 0)), "a")).isTrue();
    }

    @Test
    void endpointsTelemetryAndThisNodesOwnInstanceRecordsDoNot() {
        assertThat(Reconciler.affectsDecisions(change(node(RecordKind.ENDPOINT, "b", "web-0",
                new EndpointRecord("web", "web-0", V1, "127.0.0.1", 8080, EndpointState.READY))), "a")).isFalse();
        assertThat(Reconciler.affectsDecisions(change(node(RecordKind.TELEMETRY, "b", "", new Telemetry(Map.of("load", 1.0)))), "a")).isFalse();
        assertThat(Reconciler.affectsDecisions(change(node(RecordKind.INSTANCE, "a", "web-0",
                new InstanceRecord("web-0", "web", 0, V1, InstanceState.READY, 0, ""))), "a")).isFalse();
        assertThat(Reconciler.affectsDecisions(change(new FabricRecord(RecordKey.node(RecordKind.ENDPOINT, "b", "web-0"),
                new Version(1, 2, ""), null, "")), "a")).as("a deleted endpoint").isFalse();
    }

    /** The filter is only safe because a decision does not read what it filters out: show that. */
    @Test
    void aDecisionIsTheSameWithOrWithoutTheRecordsThatAskForNoPass() {
        List<ClusterMember> members = new ArrayList<>();
        List<FabricRecord> base = new ArrayList<>();
        for (String id : List.of("a", "b", "c")) {
            members.add(new ClusterMember(id, Role.AGENT, "127.0.0.1", 1, 2, MemberStatus.ALIVE, 0, id.equals("a")));
            base.add(node(RecordKind.NODE, id, "", new NodeInfo(id, Role.AGENT, Map.of(), "http://" + id, "")));
            base.add(node(RecordKind.CAPACITY, id, "", new Capacity(2000, 2000, 2048, 2048)));
        }
        base.add(OperatorRecords.sign(OPERATOR, Plan.of("web", V1, 3).withNutrients(100, 64), "web", 1, 1));
        base.add(node(RecordKind.INSTANCE, "b", "web-1-x", new InstanceRecord("web-1-x", "web", 1, V1, InstanceState.READY, 0, "")));
        List<FabricRecord> more = new ArrayList<>(base);
        more.add(node(RecordKind.ENDPOINT, "b", "web-1-x", new EndpointRecord("web", "web-1-x", V1, "127.0.0.1", 9000, EndpointState.READY)));
        more.add(node(RecordKind.ENDPOINT, "c", "gone", new EndpointRecord("web", "gone", V1, "127.0.0.1", 9001, EndpointState.DRAINING)));
        more.add(node(RecordKind.TELEMETRY, "c", "", new Telemetry(Map.of("load", 3.0))));
        more.add(node(RecordKind.INSTANCE, "a", "web-2-old", new InstanceRecord("web-2-old", "web", 2, V1, InstanceState.FAILED, 1, "")));
        List<LocalInstance> mine = List.of(new LocalInstance("web-0-y", new SlotId("web", 0), V1, InstanceState.LAUNCHING));

        Decide.Decision without = Decide.decide(new ClusterView("a", 0, members, base), "a", mine);
        Decide.Decision with = Decide.decide(new ClusterView("a", 0, members, more), "a", mine);

        assertThat(with.placement()).isEqualTo(without.placement());
        assertThat(with.actions()).isEqualTo(without.actions());
        assertThat(without.placement().assignments()).hasSize(3);
    }
}
