package io.mycelium.agent.reconcile;

import io.mycelium.client.explain.SlotPlacement;
import io.mycelium.fabric.ClusterView;
import io.mycelium.fabric.placement.PlacementResult;
import io.mycelium.fabric.placement.SlotId;
import io.mycelium.fabric.rollout.RolloutDecision;
import io.mycelium.fabric.update.SlotAction;
import io.mycelium.fabric.update.SlotInstance;
import io.mycelium.fabric.update.UpdateStep;
import io.mycelium.spore.digest.Digest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What this node does next: a pure function of the cluster view and this node's own instances
 * (which the node knows better than its published records). Builds the placement input from the
 * view (live agents with a published capacity, their labels; every plan with its nutrients and
 * constraints; where each slot runs now) and places it with {@link SlotPlacement} (shared with
 * the consoles, which explain unplaced slots with it; it takes the rollout decision's instances
 * per revision), then runs {@link UpdateStep} for every slot that this node runs or is assigned.
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
        Map<SlotId, List<SlotInstance>> own = new TreeMap<>();
        for (LocalInstance l : mine) {
            own.computeIfAbsent(l.slot(), s -> new ArrayList<>()).add(new SlotInstance(l.instanceId(), me, l.digest(), l.state()));
        }
        SlotPlacement.Result placed = SlotPlacement.place(view, me, own);
        TreeSet<SlotId> slots = new TreeSet<>(placed.placement().slotsOf(me));
        for (LocalInstance l : mine) {
            slots.add(l.slot());
        }
        List<SlotAction> actions = new ArrayList<>();
        for (SlotId slot : slots) {
            Digest revision = placed.revisions().get(slot);
            String node = placed.placement().assignments().get(slot);
            Optional<UpdateStep.Desired> desired = revision == null || node == null
                    ? Optional.empty() : Optional.of(new UpdateStep.Desired(node, revision));
            actions.addAll(UpdateStep.next(slot, desired, placed.instancesBySlot().getOrDefault(slot, List.of()), me));
        }
        return new Decision(placed.placement(), actions, placed.revisions(), placed.rollouts());
    }
}
