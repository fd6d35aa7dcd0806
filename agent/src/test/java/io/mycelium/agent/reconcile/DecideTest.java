package io.mycelium.agent.reconcile;

import io.mycelium.fabric.ClusterMember;
import io.mycelium.fabric.ClusterView;
import io.mycelium.fabric.membership.MemberStatus;
import io.mycelium.fabric.model.Capacity;
import io.mycelium.fabric.model.InstanceRecord;
import io.mycelium.fabric.model.InstanceState;
import io.mycelium.fabric.model.Json;
import io.mycelium.fabric.model.NodeInfo;
import io.mycelium.fabric.model.Plan;
import io.mycelium.fabric.model.RecordKind;
import io.mycelium.fabric.model.Role;
import io.mycelium.fabric.placement.SlotId;
import io.mycelium.fabric.state.FabricRecord;
import io.mycelium.fabric.state.OperatorRecords;
import io.mycelium.fabric.state.RecordKey;
import io.mycelium.fabric.state.Version;
import io.mycelium.fabric.update.SlotAction;
import io.mycelium.spore.digest.Digest;
import io.mycelium.spore.key.SigningKey;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The pure decision on hand-made views: no threads, no sockets. */
class DecideTest {
    private static final SigningKey OPERATOR = SigningKey.generate();
    private static final Digest V1 = Digest.of("v1".getBytes(StandardCharsets.UTF_8));
    private static final Digest V2 = Digest.of("v2".getBytes(StandardCharsets.UTF_8));

    /** A view of agents {@code nodes} (all alive unless in {@code dead}) with capacity, the plans and the instances. */
    private static ClusterView view(String self, List<String> nodes, Set<String> dead, List<Plan> plans, Map<String, List<InstanceRecord>> instances) {
        List<ClusterMember> members = new ArrayList<>();
        List<FabricRecord> records = new ArrayList<>();
        long n = 1;
        for (String id : nodes) {
            members.add(new ClusterMember(id, Role.AGENT, "127.0.0.1", 1, 2, dead.contains(id) ? MemberStatus.DEAD : MemberStatus.ALIVE, 0,
                    id.equals(self)));
            records.add(node(RecordKind.NODE, id, "", new NodeInfo(id, Role.AGENT, Map.of(), "http://x", ""), n++));
            records.add(node(RecordKind.CAPACITY, id, "", new Capacity(2000, 2000, 2048, 2048), n++));
            for (InstanceRecord i : instances.getOrDefault(id, List.of())) {
                records.add(node(RecordKind.INSTANCE, id, i.instanceId(), i, n++));
            }
        }
        for (Plan p : plans) {
            records.add(OperatorRecords.sign(OPERATOR, p, p.app(), 1, 1));
        }
        return new ClusterView(self, 0, members, records);
    }

    private static FabricRecord node(RecordKind kind, String owner, String name, Object payload, long counter) {
        return new FabricRecord(RecordKey.node(kind, owner, name), new Version(1, counter, ""), Json.write(payload), "");
    }

    private static final List<String> NODES = List.of("a", "b", "c");

    @Test
    void everyNodeComputesTheSamePlacementAndStartsOnlyItsOwnSlots() {
        Plan plan = Plan.of("web", V1, 2).withNutrients(100, 64);
        Map<SlotId, String> first = null;
        int starts = 0;
        for (String me : NODES) {
            Decide.Decision d = Decide.decide(view(me, NODES, Set.of(), List.of(plan), Map.of()), me, List.of());
            if (first == null) {
                first = d.placement().assignments();
            }
            assertThat(d.placement().assignments()).isEqualTo(first);
            for (SlotAction a : d.actions()) {
                assertThat(a).isInstanceOf(SlotAction.Start.class);
                assertThat(first.get(((SlotAction.Start) a).slot())).isEqualTo(me);
                starts++;
            }
        }
        assertThat(starts).isEqualTo(2);
        assertThat(Set.copyOf(first.values())).hasSize(2);
    }

    @Test
    void losingANodeMovesOnlyItsSlots() {
        Plan plan = Plan.of("web", V1, 3);
        Map<String, List<InstanceRecord>> running = new HashMap<>();
        Decide.Decision before = Decide.decide(view("a", NODES, Set.of(), List.of(plan), Map.of()), "a", List.of());
        before.placement().assignments().forEach((slot, node) -> running.computeIfAbsent(node, k -> new ArrayList<>())
                .add(new InstanceRecord(slot.app() + "-" + slot.index(), slot.app(), slot.index(), V1, InstanceState.READY, 0, "")));
        String lost = before.placement().assignments().get(new SlotId("web", 0));
        String survivor = NODES.stream().filter(x -> !x.equals(lost)).findFirst().orElseThrow();
        Decide.Decision after = Decide.decide(view(survivor, NODES, Set.of(lost), List.of(plan), running), survivor,
                List.of());
        before.placement().assignments().forEach((slot, node) -> {
            if (!node.equals(lost)) {
                assertThat(after.placement().assignments().get(slot)).as("slot %s stays", slot).isEqualTo(node);
            } else {
                assertThat(after.placement().assignments().get(slot)).as("slot %s moves", slot).isNotEqualTo(lost).isNotNull();
            }
        });
    }

    @Test
    void aDigestChangeStartsTheNewInstanceBeforeDrainingTheOld() {
        Plan v2 = Plan.of("web", V2, 1);
        Decide.Decision first = Decide.decide(view("a", List.of("a"), Set.of(), List.of(v2), Map.of()), "a",
                List.of(new LocalInstance("old", new SlotId("web", 0), V1, InstanceState.READY)));
        assertThat(first.actions()).containsExactly(new SlotAction.Start(new SlotId("web", 0), V2));
        Decide.Decision second = Decide.decide(view("a", List.of("a"), Set.of(), List.of(v2), Map.of()), "a", List.of(
                new LocalInstance("old", new SlotId("web", 0), V1, InstanceState.READY),
                new LocalInstance("new", new SlotId("web", 0), V2, InstanceState.LAUNCHING)));
        assertThat(second.actions()).isEmpty();
        Decide.Decision third = Decide.decide(view("a", List.of("a"), Set.of(), List.of(v2), Map.of()), "a", List.of(
                new LocalInstance("old", new SlotId("web", 0), V1, InstanceState.READY),
                new LocalInstance("new", new SlotId("web", 0), V2, InstanceState.READY)));
        assertThat(third.actions()).hasSize(1).first().isInstanceOf(SlotAction.Drain.class)
                .extracting(a -> ((SlotAction.Drain) a).instanceId()).isEqualTo("old");
    }

    @Test
    void instancesOfARemovedPlanAreDrained() {
        Decide.Decision d = Decide.decide(view("a", List.of("a"), Set.of(), List.of(), Map.of()), "a",
                List.of(new LocalInstance("x", new SlotId("gone", 0), V1, InstanceState.READY)));
        assertThat(d.actions()).containsExactly(new SlotAction.Drain("x", "slot is no longer in the plan"));
    }

    @Test
    void aNodeWithoutPublishedCapacityGetsNothingAndImpossibleNutrientsAreUnplaced() {
        Plan huge = Plan.of("huge", V1, 1).withNutrients(1_000_000, 1);
        Decide.Decision d = Decide.decide(view("a", NODES, Set.of(), List.of(huge), Map.of()), "a", List.of());
        assertThat(d.actions()).isEmpty();
        assertThat(d.placement().unplaced()).singleElement().satisfies(u -> assertThat(u.reason()).contains("needs cpu_milli=1000000"));
        ClusterView noCapacity = new ClusterView("a", 0, List.of(new ClusterMember("a", Role.AGENT, "h", 1, 2, MemberStatus.ALIVE, 0, true)),
                List.of(OperatorRecords.sign(OPERATOR, Plan.of("web", V1, 1), "web", 1, 1)));
        assertThat(Decide.decide(noCapacity, "a", List.of()).placement().unplaced()).singleElement()
                .satisfies(u -> assertThat(u.reason()).contains("no live agent"));
    }
}
