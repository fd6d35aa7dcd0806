package io.mycelium.fabric.update;

import io.mycelium.fabric.model.InstanceState;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import io.mycelium.fabric.placement.SlotId;
import io.mycelium.spore.digest.Digest;

/**
 * The make-before-break step for one slot, seen from one node. Pure: the same inputs give the same
 * actions on every node, and applying them and stepping again converges to exactly one Ready
 * instance of the desired spore on the desired node.
 *
 * <ul>
 *   <li>On the desired node: start the desired spore if no active instance of it is there; keep
 *       one (Ready first, then lowest id) if there are several.</li>
 *   <li>Any instance of the slot on this node that is not the kept desired one is drained once a
 *       Ready instance of the desired spore exists on the desired node; at once if it serves
 *       nothing (Failed, Idle or still Launching) or the slot is no longer wanted at all.</li>
 * </ul>
 */
public final class UpdateStep {
    private static final Comparator<SlotInstance> KEEP_ORDER = Comparator
            .comparing((SlotInstance i) -> i.state() != InstanceState.READY)
            .thenComparing(SlotInstance::instanceId);

    private UpdateStep() {
    }

    /**
     * @param slot      the slot
     * @param desired   where and what the slot should run, or empty when the slot is not wanted
     *                  (plan removed or scaled down)
     * @param instances every instance of this slot in the view, on any node
     * @param me        this node's id
     */
    public static List<SlotAction> next(SlotId slot, Optional<Desired> desired, List<SlotInstance> instances, String me) {
        Objects.requireNonNull(slot, "slot");
        Objects.requireNonNull(me, "me");
        List<SlotAction> actions = new ArrayList<>();
        Optional<SlotInstance> kept = desired.flatMap(d -> instances.stream()
                .filter(i -> i.nodeId().equals(d.nodeId()) && i.digest().equals(d.digest()) && i.active())
                .min(KEEP_ORDER));
        boolean desiredReady = kept.map(i -> i.state() == InstanceState.READY).orElse(false);

        if (desired.isPresent() && desired.get().nodeId().equals(me) && kept.isEmpty()) {
            actions.add(new SlotAction.Start(slot, desired.get().digest()));
        }
        instances.stream()
                .filter(i -> i.nodeId().equals(me) && i.active())
                .filter(i -> kept.isEmpty() || !kept.get().instanceId().equals(i.instanceId()))
                .sorted(Comparator.comparing(SlotInstance::instanceId))
                .forEach(old -> drainReason(old, desired, desiredReady).ifPresent(why -> actions.add(new SlotAction.Drain(old.instanceId(), why))));
        return List.copyOf(actions);
    }

    private static Optional<String> drainReason(SlotInstance old, Optional<Desired> desired, boolean desiredReady) {
        if (desired.isEmpty()) {
            return Optional.of("slot is no longer in the plan");
        }
        if (old.state() != InstanceState.READY) {
            return Optional.of("replaced while " + old.state().name().toLowerCase(java.util.Locale.ROOT) + ", serving nothing");
        }
        if (desiredReady) {
            Desired d = desired.get();
            return Optional.of(old.digest().equals(d.digest())
                    ? "slot moved to " + d.nodeId() + ", where it is Ready"
                    : "replaced by " + d.digest().shortForm() + ", Ready on " + d.nodeId());
        }
        return Optional.empty();
    }

    /**
     * Where and what a slot should run.
     *
     * @param nodeId the node placement chose
     * @param digest the spore the plan names
     */
    public record Desired(String nodeId, Digest digest) {
        public Desired {
            Objects.requireNonNull(nodeId, "nodeId");
            Objects.requireNonNull(digest, "digest");
        }
    }
}
