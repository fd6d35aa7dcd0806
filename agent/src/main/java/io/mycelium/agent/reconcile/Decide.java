package io.mycelium.agent.reconcile;

import io.mycelium.client.explain.SlotPlacement;
import io.mycelium.fabric.ClusterView;
import io.mycelium.fabric.model.Plan;
import io.mycelium.fabric.placement.PlacementResult;
import io.mycelium.fabric.placement.SlotId;
import io.mycelium.fabric.update.SlotAction;
import io.mycelium.fabric.update.SlotInstance;
import io.mycelium.fabric.update.UpdateStep;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What this node does next: a pure function of the cluster view and this node's own instances
 * (which the node knows better than its published records). {@link SlotPlacement} (shared with
 * the consoles, which explain unplaced slots with it) places every slot; then {@link UpdateStep}
 * runs for every slot that this node runs or is assigned.
 */
public final class Decide {
    private Decide() {
    }

    /**
     * The decision of one pass.
     *
     * @param placement where every slot goes, and the unplaced ones with the reason
     * @param actions   what this node does, in slot order
     */
    public record Decision(PlacementResult placement, List<SlotAction> actions) {
        public Decision {
            actions = List.copyOf(actions);
        }
    }

    public static Decision decide(ClusterView view, String me, List<LocalInstance> mine) {
        Map<SlotId, List<SlotInstance>> own = new TreeMap<>();
        for (LocalInstance l : mine) {
            own.computeIfAbsent(l.slot(), s -> new ArrayList<>()).add(new SlotInstance(l.instanceId(), me, l.digest(), l.state()));
        }
        SlotPlacement.Result placed = SlotPlacement.place(view, me, own);
        Map<String, Plan> plans = view.plans();
        TreeSet<SlotId> slots = new TreeSet<>(placed.placement().slotsOf(me));
        slots.addAll(own.keySet());
        List<SlotAction> actions = new ArrayList<>();
        for (SlotId slot : slots) {
            Plan plan = plans.get(slot.app());
            String node = placed.placement().assignments().get(slot);
            Optional<UpdateStep.Desired> desired = plan == null || slot.index() >= plan.instances() || node == null
                    ? Optional.empty() : Optional.of(new UpdateStep.Desired(node, plan.digest()));
            actions.addAll(UpdateStep.next(slot, desired, placed.instancesBySlot().getOrDefault(slot, List.of()), me));
        }
        return new Decision(placed.placement(), actions);
    }
}
