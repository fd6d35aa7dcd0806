package io.mycelium.client.explain;

import io.mycelium.fabric.autoscale.Autoscaler;
import io.mycelium.fabric.ledger.Admission;
import io.mycelium.fabric.rollout.RolloutDecision;
import io.mycelium.fabric.rollout.Rollouts;
import io.mycelium.fabric.update.RevisionSlots;
import io.mycelium.spore.digest.Digest;
import java.time.Instant;
import java.util.TreeSet;
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
import java.util.HashSet;
import java.util.Set;
import io.mycelium.fabric.model.RecordKind;
import io.mycelium.fabric.state.FabricRecord;
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
 * runs it on records alone, and so sees the same unplaced slots the agents see. The ledger's
 * {@link Admission} runs first, on the autoscaler's published desired count where there is one: the slots it does not admit (out of credits, lower priority when
 * capacity is short, over the budget's max) are unplaced with its reason.
 */
public final class SlotPlacement {
    private SlotPlacement() {
    }

    /**
     * One placement.
     *
     * @param placement       where every slot goes, and the unplaced ones with the reason
     * @param instancesBySlot the instances of every slot on live agents
     * @param revisions       which revision every wanted slot runs (the rollout decision's
     *                        instances per revision; a plain plan: its digest at its count)
     * @param rollouts        every planned app's rollout decision, by app
     * @param admissions      every planned app's admission by the ledger, by app
     */
    public record Result(PlacementResult placement, SortedMap<SlotId, List<SlotInstance>> instancesBySlot,
                         Map<SlotId, Digest> revisions, Map<String, RolloutDecision> rollouts, Map<String, Admission.Admitted> admissions) {
        public Result {
            instancesBySlot = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(instancesBySlot));
            revisions = Map.copyOf(revisions);
            rollouts = Map.copyOf(rollouts);
            admissions = Map.copyOf(admissions);
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
        Map<String, RolloutDecision> rollouts = Rollouts.next(view, Instant.ofEpochMilli(view.takenAtMillis()));
        List<NodeCandidate> candidates = candidates(view);
        Map<String, Integer> desired = new HashMap<>();
        for (String app : plans.keySet()) {
            Autoscaler.latest(view, app).ifPresent(d -> desired.put(app, d.desired()));
        }
        Map<String, Admission.Admitted> admissions = Admission.of(view, desired,
                candidates.stream().map(c -> new Admission.Room(c.nodeId(), c.cpuMilli(), c.memoryMb())).toList(), view.takenAtMillis());
        Map<SlotId, Digest> revisions = new TreeMap<>();
        List<PlacementResult.Unplaced> refused = new ArrayList<>();
        for (Plan p : plans.values()) {
            RolloutDecision r = rollouts.get(p.app());
            Admission.Admitted admitted = admissions.get(p.app());
            Map<Digest, Integer> wanted = admitted(r == null ? Map.of(p.digest(), p.instances()) : r.instances(), p, admitted.admitted());
            revisions.putAll(RevisionSlots.assign(p.app(), wanted, slotsOf(bySlot, p.app())));
            for (int slot = admitted.admitted(); slot < admitted.wanted(); slot++) {
                refused.add(new PlacementResult.Unplaced(new SlotId(p.app(), slot), admitted.reason()));
            }
        }
        PlacementInput input = new PlacementInput(candidates, demands(plans, revisions), current(bySlot, revisions));
        PlacementResult placed = Placement.place(input);
        refused.addAll(placed.unplaced());
        return new Result(new PlacementResult(placed.assignments(), refused), bySlot, revisions, rollouts, admissions);
    }

    /**
     * The app's own entries of {@code bySlot} (slots sort by app, then index; {@code app + NUL} is the
     * least name after {@code app}), so that each app's revisions read its slots, not every app's.
     */
    static SortedMap<SlotId, List<SlotInstance>> slotsOf(SortedMap<SlotId, List<SlotInstance>> bySlot, String app) {
        return bySlot.subMap(new SlotId(app, 0), new SlotId(app + '\u0000', 0));
    }

    /**
     * The instances per revision once the ledger admitted {@code count} of the app: a plain plan runs
     * its digest at that count; during a rollout no revision runs more than it.
     */
    static Map<Digest, Integer> admitted(Map<Digest, Integer> wanted, Plan plan, int count) {
        if (wanted.size() == 1 && wanted.containsKey(plan.digest())) {
            return Map.of(plan.digest(), count);
        }
        Map<Digest, Integer> out = new TreeMap<>();
        wanted.forEach((d, n) -> out.put(d, count < plan.instances() ? Math.min(n, count) : n));
        return out;
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
        Map<String, TreeSet<Integer>> slotsByApp = new HashMap<>();
        for (SlotId slot : revisions.keySet()) {
            slotsByApp.computeIfAbsent(slot.app(), a -> new TreeSet<>()).add(slot.index());
        }
        List<AppDemand> out = new ArrayList<>();
        for (Plan p : plans.values()) {
            out.add(new AppDemand(p.app(), slotsByApp.getOrDefault(p.app(), new TreeSet<>()), p.cpuMilli(), p.memoryMb(), p.placement()));
        }
        return out;
    }

    /** Every instance of every slot on live agents: {@code me}'s own from {@code mine}, the others' from their records. */
    static SortedMap<SlotId, List<SlotInstance>> instancesBySlot(ClusterView view, String me, Map<SlotId, List<SlotInstance>> mine) {
        // One pass over the instance records (in key order: by owner, as the members are), not one per member.
        Set<String> live = new HashSet<>();
        for (ClusterMember m : view.liveMembers(Role.AGENT)) {
            live.add(m.id());
        }
        SortedMap<SlotId, List<SlotInstance>> out = new TreeMap<>();
        for (FabricRecord f : view.records(RecordKind.INSTANCE)) {
            String owner = f.key().owner();
            if (f.tombstone() || owner.equals(me) || !live.contains(owner)) {
                continue;
            }
            InstanceRecord r = view.value(f, InstanceRecord.class).orElseThrow();
            out.computeIfAbsent(new SlotId(r.app(), r.slot()), s -> new ArrayList<>())
                    .add(new SlotInstance(r.instanceId(), owner, r.digest(), r.state()));
        }
        mine.forEach((slot, instances) -> out.computeIfAbsent(slot, s -> new ArrayList<>()).addAll(instances));
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
                    .thenComparing(i -> i.state() != InstanceState.READY)
                    .thenComparing(SlotInstance::nodeId).thenComparing(SlotInstance::instanceId);
            e.getValue().stream().filter(i -> i.state().active()).min(order).ifPresent(i -> out.put(e.getKey(), i.nodeId()));
        }
        return out;
    }
}
