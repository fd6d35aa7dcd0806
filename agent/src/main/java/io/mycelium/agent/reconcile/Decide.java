package io.mycelium.agent.reconcile;

import io.mycelium.fabric.ClusterMember;
import io.mycelium.fabric.ClusterView;
import io.mycelium.fabric.model.Capacity;
import io.mycelium.fabric.model.InstanceRecord;
import io.mycelium.fabric.model.NodeInfo;
import io.mycelium.fabric.model.Plan;
import io.mycelium.fabric.model.Role;
import io.mycelium.fabric.placement.AppDemand;
import io.mycelium.fabric.placement.NodeCandidate;
import io.mycelium.fabric.placement.Placement;
import io.mycelium.fabric.placement.PlacementInput;
import io.mycelium.fabric.placement.PlacementResult;
import io.mycelium.fabric.placement.SlotId;
import io.mycelium.fabric.rollout.RolloutDecision;
import io.mycelium.fabric.rollout.Rollouts;
import io.mycelium.fabric.update.RevisionSlots;
import io.mycelium.fabric.update.SlotAction;
import io.mycelium.fabric.update.SlotInstance;
import io.mycelium.fabric.update.UpdateStep;
import io.mycelium.spore.digest.Digest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What this node does next: a pure function of the cluster view and this node's own instances
 * (which the node knows better than its published records). Builds the placement input from the
 * view (live agents with a published capacity, their labels; every plan with its nutrients and
 * constraints; where each slot runs now), runs {@link Placement}, then {@link UpdateStep} for
 * every slot that this node runs or is assigned. How many instances of each revision an app runs
 * is the rollout decision's ({@link Rollouts#next}, at the view's time; a plain plan: its digest
 * at its count), and {@link RevisionSlots} says which slot runs which revision.
 */
public final class Decide {
    private Decide() {
    }

    /**
     * The decision of one pass.
     *
     * @param placement where every slot goes, and the unplaced ones with the reason
     * @param actions   what this node does, in slot order
     * @param revisions which revision every wanted slot runs
     * @param rollouts  every planned app's rollout decision, by app
     */
    public record Decision(PlacementResult placement, List<SlotAction> actions, Map<SlotId, Digest> revisions,
                           Map<String, RolloutDecision> rollouts) {
        public Decision {
            actions = List.copyOf(actions);
            revisions = Map.copyOf(revisions);
            rollouts = Map.copyOf(rollouts);
        }

        /** Whether some slot of {@code app} should run {@code digest}. */
        public boolean wants(String app, Digest digest) {
            return revisions.entrySet().stream().anyMatch(e -> e.getKey().app().equals(app) && e.getValue().equals(digest));
        }
    }

    public static Decision decide(ClusterView view, String me, List<LocalInstance> mine) {
        Map<String, Plan> plans = view.plans();
        Map<SlotId, List<SlotInstance>> bySlot = instancesBySlot(view, me, mine);
        Map<String, RolloutDecision> rollouts = Rollouts.next(view, Instant.ofEpochMilli(view.takenAtMillis()));
        Map<SlotId, Digest> revisions = new TreeMap<>();
        for (Plan p : plans.values()) {
            RolloutDecision r = rollouts.get(p.app());
            Map<Digest, Integer> wanted = r == null ? Map.of(p.digest(), p.instances()) : r.instances();
            revisions.putAll(RevisionSlots.assign(p.app(), wanted, bySlot));
        }
        PlacementInput input = new PlacementInput(candidates(view), demands(plans, revisions), current(bySlot, revisions));
        PlacementResult placed = Placement.place(input);

        TreeSet<SlotId> slots = new TreeSet<>(placed.slotsOf(me));
        for (LocalInstance l : mine) {
            slots.add(l.slot());
        }
        List<SlotAction> actions = new ArrayList<>();
        for (SlotId slot : slots) {
            Digest revision = revisions.get(slot);
            String node = placed.assignments().get(slot);
            Optional<UpdateStep.Desired> desired = revision == null || node == null
                    ? Optional.empty() : Optional.of(new UpdateStep.Desired(node, revision));
            actions.addAll(UpdateStep.next(slot, desired, bySlot.getOrDefault(slot, List.of()), me));
        }
        return new Decision(placed, actions, revisions, rollouts);
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

    /** Every plan's demand: the slots its revisions occupy, with the plan's nutrients and constraints. */
    static List<AppDemand> demands(Map<String, Plan> plans, Map<SlotId, Digest> revisions) {
        List<AppDemand> out = new ArrayList<>();
        for (Plan p : plans.values()) {
            TreeSet<Integer> slots = new TreeSet<>();
            revisions.keySet().stream().filter(s -> s.app().equals(p.app())).forEach(s -> slots.add(s.index()));
            out.add(new AppDemand(p.app(), slots, p.cpuMilli(), p.memoryMb(), p.placement()));
        }
        return out;
    }

    /** Every instance of every slot on live nodes: this node's own from {@code mine}, the others' from their records. */
    static Map<SlotId, List<SlotInstance>> instancesBySlot(ClusterView view, String me, List<LocalInstance> mine) {
        Map<SlotId, List<SlotInstance>> out = new TreeMap<>();
        for (ClusterMember m : view.liveMembers(Role.AGENT)) {
            if (m.id().equals(me)) {
                continue;
            }
            for (InstanceRecord r : view.instancesOn(m.id())) {
                out.computeIfAbsent(new SlotId(r.app(), r.slot()), s -> new ArrayList<>())
                        .add(new SlotInstance(r.instanceId(), m.id(), r.digest(), r.state()));
            }
        }
        for (LocalInstance l : mine) {
            out.computeIfAbsent(l.slot(), s -> new ArrayList<>()).add(new SlotInstance(l.instanceId(), me, l.digest(), l.state()));
        }
        return out;
    }

    /**
     * Where each slot runs now: among its active instances, one of the slot's revision first, then a
     * Ready one, then the lowest node id, so that every node picks the same.
     */
    static Map<SlotId, String> current(Map<SlotId, List<SlotInstance>> bySlot, Map<SlotId, Digest> revisions) {
        Map<SlotId, String> out = new HashMap<>();
        for (Map.Entry<SlotId, List<SlotInstance>> e : bySlot.entrySet()) {
            Digest revision = revisions.get(e.getKey());
            Comparator<SlotInstance> order = Comparator
                    .comparing((SlotInstance i) -> !i.digest().equals(revision))
                    .thenComparing(i -> i.state() != io.mycelium.fabric.model.InstanceState.READY)
                    .thenComparing(SlotInstance::nodeId).thenComparing(SlotInstance::instanceId);
            e.getValue().stream().filter(i -> i.state().active()).min(order).ifPresent(i -> out.put(e.getKey(), i.nodeId()));
        }
        return out;
    }
}
