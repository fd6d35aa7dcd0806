package io.mycelium.fabric.update;

import io.mycelium.fabric.model.InstanceState;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.mycelium.fabric.placement.SlotId;
import io.mycelium.spore.digest.Digest;

class UpdateStepTest {
    private static final SlotId SLOT = new SlotId("billing", 0);
    private static final Digest V1 = Digest.of(new byte[] {1});
    private static final Digest V2 = Digest.of(new byte[] {2});

    @Test
    void startsTheDesiredSporeWhereNothingRuns() {
        assertThat(UpdateStep.next(SLOT, Optional.of(new UpdateStep.Desired("a", V1)), List.of(), "a"))
                .containsExactly(new SlotAction.Start(SLOT, V1));
        assertThat(UpdateStep.next(SLOT, Optional.of(new UpdateStep.Desired("a", V1)), List.of(), "b")).isEmpty();
    }

    @Test
    void keepsTheOldInstanceUntilTheNewOneIsReady() {
        List<SlotInstance> view = List.of(new SlotInstance("old", "a", V1, InstanceState.READY), new SlotInstance("new", "a", V2, InstanceState.LAUNCHING));
        assertThat(UpdateStep.next(SLOT, Optional.of(new UpdateStep.Desired("a", V2)), view, "a")).isEmpty();

        List<SlotInstance> ready = List.of(new SlotInstance("old", "a", V1, InstanceState.READY), new SlotInstance("new", "a", V2, InstanceState.READY));
        assertThat(UpdateStep.next(SLOT, Optional.of(new UpdateStep.Desired("a", V2)), ready, "a"))
                .singleElement().isInstanceOfSatisfying(SlotAction.Drain.class, d -> {
                    assertThat(d.instanceId()).isEqualTo("old");
                    assertThat(d.why()).contains("replaced by " + V2.shortForm());
                });
    }

    @Test
    void anOldInstanceThatServesNothingGoesAtOnce() {
        List<SlotInstance> view = List.of(new SlotInstance("old", "a", V1, InstanceState.FAILED));
        assertThat(UpdateStep.next(SLOT, Optional.of(new UpdateStep.Desired("a", V2)), view, "a"))
                .containsExactly(new SlotAction.Start(SLOT, V2), new SlotAction.Drain("old", "replaced while failed, serving nothing"));
    }

    @Test
    void aSlotThatLeftThePlanIsDrained() {
        List<SlotInstance> view = List.of(new SlotInstance("i1", "a", V1, InstanceState.READY));
        assertThat(UpdateStep.next(SLOT, Optional.empty(), view, "a")).containsExactly(new SlotAction.Drain("i1", "slot is no longer in the plan"));
    }

    @Test
    void aDuplicateOfTheDesiredInstanceIsDrainedKeepingTheReadyOne() {
        List<SlotInstance> view = List.of(new SlotInstance("x2", "a", V1, InstanceState.READY), new SlotInstance("x1", "a", V1, InstanceState.LAUNCHING));
        assertThat(UpdateStep.next(SLOT, Optional.of(new UpdateStep.Desired("a", V1)), view, "a"))
                .singleElement().isInstanceOfSatisfying(SlotAction.Drain.class, d -> assertThat(d.instanceId()).isEqualTo("x1"));
    }

    /** Every kind of change converges with a Ready instance of the slot at every step. */
    @Test
    void everyChangeConvergesWithoutAGap() {
        record Case(String fromNode, Digest fromDigest, String toNode, Digest toDigest) { }
        List<Case> cases = List.of(new Case("a", V1, "a", V2), new Case("a", V1, "b", V1), new Case("a", V1, "b", V2), new Case("a", V1, "a", V1));
        for (Case c : cases) {
            Cluster cluster = new Cluster();
            cluster.instances.add(new SlotInstance("i0", c.fromNode(), c.fromDigest(), InstanceState.READY));
            UpdateStep.Desired desired = new UpdateStep.Desired(c.toNode(), c.toDigest());
            for (int round = 0; round < 10; round++) {
                cluster.round(Optional.of(desired));
                assertThat(cluster.instances).as("%s round %d", c, round).anyMatch(i -> i.state() == InstanceState.READY);
            }
            assertThat(cluster.instances.stream().filter(SlotInstance::active).toList()).as("%s", c)
                    .singleElement().satisfies(i -> {
                        assertThat(i.nodeId()).isEqualTo(c.toNode());
                        assertThat(i.digest()).isEqualTo(c.toDigest());
                        assertThat(i.state()).isEqualTo(InstanceState.READY);
                    });
        }
    }

    /** A toy cluster of nodes a and b: every action takes one round to show in the view. */
    private static final class Cluster {
        final List<SlotInstance> instances = new ArrayList<>();
        int nextId = 1;

        void round(Optional<UpdateStep.Desired> desired) {
            List<SlotInstance> view = List.copyOf(instances);
            // what the previous round started becomes Ready; what was draining stops
            instances.replaceAll(i -> switch (i.state()) {
                case LAUNCHING -> new SlotInstance(i.instanceId(), i.nodeId(), i.digest(), InstanceState.READY);
                case DRAINING -> new SlotInstance(i.instanceId(), i.nodeId(), i.digest(), InstanceState.STOPPED);
                default -> i;
            });
            for (String node : List.of("a", "b")) {
                for (SlotAction action : UpdateStep.next(SLOT, desired, view, node)) {
                    switch (action) {
                        case SlotAction.Start s -> instances.add(new SlotInstance("i" + nextId++, node, s.digest(), InstanceState.LAUNCHING));
                        case SlotAction.Drain d -> instances.replaceAll(i -> i.instanceId().equals(d.instanceId())
                                ? new SlotInstance(i.instanceId(), i.nodeId(), i.digest(), InstanceState.DRAINING) : i);
                    }
                }
            }
        }
    }
}
