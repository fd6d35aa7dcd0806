package io.mycelium.fabric.update;

import static org.assertj.core.api.Assertions.assertThat;

import io.mycelium.fabric.model.InstanceState;
import io.mycelium.fabric.placement.SlotId;
import io.mycelium.spore.digest.Digest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class RevisionSlotsTest {
    private static final String APP = "billing";
    private static final Digest V1 = Digest.of(new byte[] {1});
    private static final Digest V2 = Digest.of(new byte[] {2});

    /** Slot to the digests of its active instances, as a view would show them. */
    private final Map<SlotId, List<SlotInstance>> running = new HashMap<>();

    private void run(int slot, Digest d, InstanceState state) {
        running.computeIfAbsent(new SlotId(APP, slot), s -> new ArrayList<>())
                .add(new SlotInstance(APP + "-" + slot + "-" + d.shortForm() + "-" + running.size(), "a", d, state));
    }

    private static SortedMap<Integer, Digest> bySlot(Map<SlotId, Digest> assigned) {
        TreeMap<Integer, Digest> out = new TreeMap<>();
        assigned.forEach((s, d) -> out.put(s.index(), d));
        return out;
    }

    @Test
    void aPlainPlanUsesSlotsZeroToNMinusOneAndReplacesThemInPlace() {
        assertThat(bySlot(RevisionSlots.assign(APP, Map.of(V1, 3), running))).containsExactly(
                Map.entry(0, V1), Map.entry(1, V1), Map.entry(2, V1));
        for (int i = 0; i < 3; i++) {
            run(i, V1, InstanceState.READY);
        }
        assertThat(bySlot(RevisionSlots.assign(APP, Map.of(V2, 3), running))).containsExactly(
                Map.entry(0, V2), Map.entry(1, V2), Map.entry(2, V2));
        assertThat(bySlot(RevisionSlots.assign(APP, Map.of(V1, 2), running))).containsExactly(Map.entry(0, V1), Map.entry(1, V1));
    }

    @Test
    void greenGoesBesideBlueAndStaysWhereItRunsOnceBlueLeaves() {
        for (int i = 0; i < 2; i++) {
            run(i, V1, InstanceState.READY);
        }
        assertThat(bySlot(RevisionSlots.assign(APP, Map.of(V1, 2, V2, 2), running))).containsExactly(
                Map.entry(0, V1), Map.entry(1, V1), Map.entry(2, V2), Map.entry(3, V2));
        run(2, V2, InstanceState.READY);
        run(3, V2, InstanceState.LAUNCHING);
        assertThat(bySlot(RevisionSlots.assign(APP, Map.of(V2, 2), running))).containsExactly(Map.entry(2, V2), Map.entry(3, V2));
    }

    @Test
    void aRollingBatchReplacesTheOldSlotsNobodyKeeps() {
        for (int i = 0; i < 4; i++) {
            run(i, V1, InstanceState.READY);
        }
        // batch 1 of a surge-1 rolling update: the new revision on a fifth slot
        assertThat(bySlot(RevisionSlots.assign(APP, Map.of(V1, 4, V2, 1), running))).containsEntry(4, V2).hasSize(5);
        run(4, V2, InstanceState.READY);
        // batch 2: one old slot (the highest) is replaced in place, make-before-break
        assertThat(bySlot(RevisionSlots.assign(APP, Map.of(V1, 3, V2, 2), running))).containsExactly(
                Map.entry(0, V1), Map.entry(1, V1), Map.entry(2, V1), Map.entry(3, V2), Map.entry(4, V2));
        run(3, V2, InstanceState.LAUNCHING);
        // while slot 3 runs both, it stays the new revision's: the assignment does not flap
        assertThat(bySlot(RevisionSlots.assign(APP, Map.of(V1, 3, V2, 2), running))).containsEntry(3, V2).containsEntry(2, V1);
    }

    @Test
    void instancesThatAreGoneDoNotHoldASlotAndOtherAppsAreIgnored() {
        run(0, V1, InstanceState.STOPPED);
        running.put(new SlotId("other", 0), List.of(new SlotInstance("o", "a", V2, InstanceState.READY)));
        assertThat(bySlot(RevisionSlots.assign(APP, Map.of(V2, 1), running))).containsExactly(Map.entry(0, V2));
        assertThat(RevisionSlots.assign(APP, Map.of(V2, 0), running)).isEmpty();
    }
}
