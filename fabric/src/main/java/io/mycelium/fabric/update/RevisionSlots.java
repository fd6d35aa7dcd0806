package io.mycelium.fabric.update;

import io.mycelium.fabric.placement.SlotId;
import io.mycelium.spore.digest.Digest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Which revision each slot of an app runs, given how many instances of each revision are wanted
 * (the rollout decision's {@code instances}; a plain plan: its digest at its count). Pure and
 * deterministic, so every node that sees the same instances assigns the same, and stable: a slot
 * keeps the revision it runs while that revision is still wanted there, so a rollout never moves
 * a running instance.
 *
 * <ol>
 *   <li>Keep: for each wanted revision (in digest order), the lowest-numbered slots that have an
 *       active instance of it, up to its count; a slot is kept by one revision only.</li>
 *   <li>Replace: each revision that still needs slots takes the lowest occupied slots nobody
 *       kept (their old instance is replaced make-before-break by {@link UpdateStep}), then the
 *       lowest free slot numbers.</li>
 * </ol>
 * A plain plan therefore keeps today's slots 0 .. n-1; blue/green puts green beside blue
 * (slots n .. 2n-1); a rolling batch replaces the highest old slots one batch at a time. A slot
 * not in the result is no longer wanted: its instances are drained.
 */
public final class RevisionSlots {
    private RevisionSlots() {
    }

    /**
     * @param app       the app
     * @param wanted    revision to instance count (zero or absent: none)
     * @param instances every instance of the app's slots in the view, by slot (other apps' slots are ignored)
     * @return slot to the revision it should run, sorted by slot
     */
    public static SortedMap<SlotId, Digest> assign(String app, Map<Digest, Integer> wanted, Map<SlotId, List<SlotInstance>> instances) {
        Objects.requireNonNull(app, "app");
        TreeMap<Digest, Integer> counts = new TreeMap<>();
        wanted.forEach((d, n) -> {
            if (n > 0) {
                counts.put(d, n);
            }
        });
        TreeMap<SlotId, List<SlotInstance>> occupied = new TreeMap<>();
        instances.forEach((slot, list) -> {
            List<SlotInstance> active = list.stream().filter(SlotInstance::active).toList();
            if (slot.app().equals(app) && !active.isEmpty()) {
                occupied.put(slot, active);
            }
        });

        TreeMap<SlotId, Digest> out = new TreeMap<>();
        TreeMap<Digest, Integer> missing = new TreeMap<>();
        for (Map.Entry<Digest, Integer> e : counts.entrySet()) {
            int kept = 0;
            for (Map.Entry<SlotId, List<SlotInstance>> slot : occupied.entrySet()) {
                if (kept == e.getValue()) {
                    break;
                }
                if (!out.containsKey(slot.getKey()) && slot.getValue().stream().anyMatch(i -> i.digest().equals(e.getKey()))) {
                    out.put(slot.getKey(), e.getKey());
                    kept++;
                }
            }
            missing.put(e.getKey(), e.getValue() - kept);
        }

        List<Integer> free = freeSlots(out, occupied, missing.values().stream().mapToInt(Integer::intValue).sum());
        int next = 0;
        for (Map.Entry<Digest, Integer> e : missing.entrySet()) {
            for (int k = 0; k < e.getValue(); k++) {
                out.put(new SlotId(app, free.get(next++)), e.getKey());
            }
        }
        return Collections.unmodifiableSortedMap(out);
    }

    /** {@code needed} slot numbers nobody kept: occupied ones first (lowest first), then the lowest unused numbers. */
    private static List<Integer> freeSlots(Map<SlotId, Digest> kept, TreeMap<SlotId, List<SlotInstance>> occupied, int needed) {
        List<Integer> out = new ArrayList<>();
        TreeSet<Integer> used = new TreeSet<>();
        kept.keySet().forEach(s -> used.add(s.index()));
        for (SlotId slot : occupied.keySet()) {
            if (out.size() < needed && !used.contains(slot.index())) {
                out.add(slot.index());
            }
            used.add(slot.index());
        }
        for (int i = 0; out.size() < needed; i++) {
            if (!used.contains(i)) {
                out.add(i);
            }
        }
        return out;
    }
}
