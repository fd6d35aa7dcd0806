package io.mycelium.client.explain;

import io.mycelium.fabric.ClusterMember;
import io.mycelium.fabric.ClusterView;
import io.mycelium.fabric.model.Capacity;
import io.mycelium.fabric.model.InstanceRecord;
import io.mycelium.fabric.model.InstanceState;
import io.mycelium.fabric.model.NodeInfo;
import io.mycelium.fabric.model.Plan;
import io.mycelium.fabric.model.Role;
import io.mycelium.fabric.placement.AppDemand;
import io.mycelium.fabric.placement.NodeCandidate;
import io.mycelium.fabric.placement.Placement;
import io.mycelium.fabric.placement.PlacementInput;
import io.mycelium.fabric.placement.PlacementResult;
import io.mycelium.fabric.placement.SlotId;
import io.mycelium.fabric.update.SlotInstance;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Where every slot of every plan goes, as a pure function of a cluster view: the placement input
 * is built from the view (live agents with a published capacity and their labels; every plan with
 * its nutrients and constraints; where each slot runs now) and {@link Placement} decides. An agent
 * runs it with its own instances (which it knows better than its published records); a console
 * runs it on records alone, and so sees the same unplaced slots the agents see.
 */
public final class SlotPlacement {
    private SlotPlacement() {
    }

    /**
     * One placement.
     *
     * @param placement       where every slot goes, and the unplaced ones with the reason
     * @param instancesBySlot the instances of every slot on live agents
     */
    public record Result(PlacementResult placement, SortedMap<SlotId, List<SlotInstance>> instancesBySlot) {
        public Result {
            instancesBySlot = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(instancesBySlot));
        }
    }

    /** The placement seen from records alone (a console, or any member that runs nothing). */
    public static Result place(ClusterView view) {
        return place(view, null, Map.of());
    }

    /**
     * The placement seen by node {@code me}, whose own instances (by slot) are {@code mine}
     * rather than its records ({@code me} null: every node from its records).
     */
    public static Result place(ClusterView view, String me, Map<SlotId, List<SlotInstance>> mine) {
        Map<String, Plan> plans = view.plans();
        SortedMap<SlotId, List<SlotInstance>> bySlot = instancesBySlot(view, me, mine);
        PlacementInput input = new PlacementInput(candidates(view), demands(plans), current(bySlot, plans));
        return new Result(Placement.place(input), bySlot);
    }

    /** Live agents that have published their capacity, with their labels; the rest cannot run anything yet. */
    static List<NodeCandidate> candidates(ClusterView view) {
        List<NodeCandidate> out = new ArrayList<>();
        for (ClusterMember m : view.liveMembers(Role.AGENT)) {
            Optional<Capacity> c = view.capacity(m.id());
            if (c.isEmpty()) {
                continue;
            }
            Map<String, String> labels = view.nodeInfo(m.id()).map(NodeInfo::labels).orElse(Map.of());
            out.add(new NodeCandidate(m.id(), labels, c.get().cpuMilliTotal(), c.get().memoryMbTotal()));
        }
        return out;
    }

    static List<AppDemand> demands(Map<String, Plan> plans) {
        List<AppDemand> out = new ArrayList<>();
        for (Plan p : plans.values()) {
            out.add(new AppDemand(p.app(), p.instances(), p.cpuMilli(), p.memoryMb(), p.placement()));
        }
        return out;
    }

    /** Every instance of every slot on live agents: {@code me}'s own from {@code mine}, the others' from their records. */
    static SortedMap<SlotId, List<SlotInstance>> instancesBySlot(ClusterView view, String me, Map<SlotId, List<SlotInstance>> mine) {
        SortedMap<SlotId, List<SlotInstance>> out = new TreeMap<>();
        for (ClusterMember m : view.liveMembers(Role.AGENT)) {
            if (m.id().equals(me)) {
                continue;
            }
            for (InstanceRecord r : view.instancesOn(m.id())) {
                out.computeIfAbsent(new SlotId(r.app(), r.slot()), s -> new ArrayList<>())
                        .add(new SlotInstance(r.instanceId(), m.id(), r.digest(), r.state()));
            }
        }
        mine.forEach((slot, instances) -> out.computeIfAbsent(slot, s -> new ArrayList<>()).addAll(instances));
        return out;
    }

    /**
     * Where each slot runs now: among its active instances, one of the plan's digest first, then a
     * Ready one, then the lowest node id, so that every node picks the same.
     */
    static Map<SlotId, String> current(Map<SlotId, List<SlotInstance>> bySlot, Map<String, Plan> plans) {
        Map<SlotId, String> out = new HashMap<>();
        for (Map.Entry<SlotId, List<SlotInstance>> e : bySlot.entrySet()) {
            Plan plan = plans.get(e.getKey().app());
            Comparator<SlotInstance> order = Comparator
                    .comparing((SlotInstance i) -> plan == null || !i.digest().equals(plan.digest()))
                    .thenComparing(i -> i.state() != InstanceState.READY)
                    .thenComparing(SlotInstance::nodeId).thenComparing(SlotInstance::instanceId);
            e.getValue().stream().filter(i -> i.state().active()).min(order).ifPresent(i -> out.put(e.getKey(), i.nodeId()));
        }
        return out;
    }
}
