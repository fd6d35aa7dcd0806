package io.mycelium.fabric.placement;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The snapshot placement decides from.
 *
 * @param nodes   the live, eligible nodes
 * @param demands every app's demand
 * @param current where slots run now (from the instance records in the view); a slot may be
 *                listed on a node that is gone, which placement then ignores
 */
public record PlacementInput(List<NodeCandidate> nodes, List<AppDemand> demands, Map<SlotId, String> current) {
    public PlacementInput {
        nodes = List.copyOf(nodes);
        demands = List.copyOf(demands);
        current = Map.copyOf(Objects.requireNonNull(current, "current"));
    }
}
