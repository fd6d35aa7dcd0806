package io.mycelium.client.explain;

import io.mycelium.client.explain.Explanation.Kind;
import io.mycelium.fabric.ClusterView;
import io.mycelium.fabric.model.InstanceRecord;
import io.mycelium.fabric.model.InstanceState;
import io.mycelium.fabric.model.Plan;
import io.mycelium.fabric.placement.PlacementResult;
import io.mycelium.fabric.placement.SlotId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Explains every slot of every plan that is not ready on its plan's digest: unplaced (from the
 * placement's reason), failed (the instance's own message and restarts) or waiting (not started
 * yet, fetching, launching). A pure function of a view and its placement.
 */
public final class Explanations {
    private Explanations() {
    }

    /** The explanations of the view, placing its slots from records alone. */
    public static List<Explanation> of(ClusterView view) {
        return of(view, SlotPlacement.place(view).placement());
    }

    /** The explanations of the view for a given placement, in (app, slot) order. */
    public static List<Explanation> of(ClusterView view, PlacementResult placement) {
        List<Explanation> out = new ArrayList<>();
        for (PlacementResult.Unplaced u : placement.unplaced()) {
            out.add(new Explanation(u.slot().app(), u.slot().index(), Kind.UNPLACED, "", u.reason()));
        }
        Map<String, Plan> plans = view.plans();
        Map<String, Map<String, List<InstanceRecord>>> instances = new java.util.HashMap<>();
        for (Map.Entry<SlotId, String> e : placement.assignments().entrySet()) {
            SlotId slot = e.getKey();
            Plan plan = plans.get(slot.app());
            if (plan != null) {
                Map<String, List<InstanceRecord>> byNode = instances.computeIfAbsent(slot.app(), view::instances);
                explainAssigned(byNode, plan, slot, e.getValue()).ifPresent(out::add);
            }
        }
        out.sort(java.util.Comparator.comparing(Explanation::app).thenComparingInt(Explanation::slot));
        return out;
    }

    private static Optional<Explanation> explainAssigned(Map<String, List<InstanceRecord>> instancesByNode, Plan plan, SlotId slot,
                                                         String node) {
        Optional<InstanceRecord> current = instancesByNode.getOrDefault(node, List.of()).stream()
                .filter(i -> i.slot() == slot.index() && i.digest().equals(plan.digest()) && i.state().active())
                .findFirst();
        if (current.isEmpty()) {
            return Optional.of(new Explanation(slot.app(), slot.index(), Kind.WAITING, node,
                    "assigned to " + node + ", which has not started it yet"));
        }
        InstanceRecord i = current.get();
        String said = i.message().isBlank() ? "" : ": " + i.message();
        return switch (i.state()) {
            case READY -> Optional.empty();
            case FAILED, CRASH_LOOP -> Optional.of(new Explanation(slot.app(), slot.index(), Kind.FAILED, node,
                    i.instanceId() + " on " + node + " " + stateWords(i.state()) + " after " + i.restarts() + " restarts" + said));
            default -> Optional.of(new Explanation(slot.app(), slot.index(), Kind.WAITING, node,
                    i.instanceId() + " on " + node + " is " + stateWords(i.state()) + said));
        };
    }

    private static String stateWords(InstanceState s) {
        return switch (s) {
            case IDLE -> "not started yet (its spore is being fetched)";
            case LAUNCHING -> "launching, not healthy yet";
            case FAILED -> "failed";
            case CRASH_LOOP -> "is crash-looping";
            default -> s.name().toLowerCase(java.util.Locale.ROOT);
        };
    }
}
