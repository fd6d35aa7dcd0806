package io.mycelium.fabric.placement;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Where every slot goes, and the slots that fit nowhere with the reason.
 *
 * @param assignments slot to node id, in slot order
 * @param unplaced    slots that no node can take
 */
public record PlacementResult(SortedMap<SlotId, String> assignments, List<Unplaced> unplaced) {
    public PlacementResult {
        assignments = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(assignments));
        unplaced = List.copyOf(unplaced);
    }

    /** The slots assigned to {@code nodeId}, in slot order. */
    public List<SlotId> slotsOf(String nodeId) {
        Objects.requireNonNull(nodeId, "nodeId");
        return assignments.entrySet().stream().filter(e -> e.getValue().equals(nodeId)).map(Map.Entry::getKey).toList();
    }

    /**
     * A slot that fits nowhere.
     *
     * @param slot   the slot
     * @param reason why, in words an operator can act on
     */
    public record Unplaced(SlotId slot, String reason) {
        public Unplaced {
            Objects.requireNonNull(slot, "slot");
            Objects.requireNonNull(reason, "reason");
        }
    }
}
