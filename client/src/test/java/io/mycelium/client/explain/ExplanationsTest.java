package io.mycelium.client.explain;

import static org.assertj.core.api.Assertions.assertThat;

import io.mycelium.client.explain.Explanation.Kind;
import io.mycelium.client.testing.ViewBuilder;
import io.mycelium.fabric.ClusterView;
import io.mycelium.fabric.model.InstanceRecord;
import io.mycelium.fabric.model.InstanceState;
import io.mycelium.fabric.model.Plan;
import io.mycelium.fabric.placement.SlotId;
import io.mycelium.fabric.update.SlotInstance;
import io.mycelium.spore.digest.Digest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ExplanationsTest {
    private static final Digest V1 = Digest.of("v1".getBytes(StandardCharsets.UTF_8));

    @Test
    void aConsoleSeesTheSamePlacementAsEveryAgent() {
        ViewBuilder b = new ViewBuilder("console").agent("a").agent("b").agent("c").plan(Plan.of("web", V1, 3).withNutrients(100, 64), 1);
        var fromConsole = SlotPlacement.place(b.build()).placement();
        for (String agent : List.of("a", "b", "c")) {
            ClusterView seenByAgent = new ViewBuilder(agent).agent("a").agent("b").agent("c")
                    .plan(Plan.of("web", V1, 3).withNutrients(100, 64), 1).build();
            assertThat(SlotPlacement.place(seenByAgent, agent, Map.of()).placement()).isEqualTo(fromConsole);
        }
        assertThat(fromConsole.assignments()).hasSize(3);
    }

    @Test
    void anAgentsOwnInstancesOverrideItsRecordsForWhereASlotRuns() {
        ClusterView view = new ViewBuilder("a").agent("a").agent("b").plan(Plan.of("web", V1, 1), 1)
                .instance("b", new InstanceRecord("web-0", "web", 0, V1, InstanceState.READY, 0, "")).build();
        assertThat(SlotPlacement.place(view).placement().assignments()).containsEntry(new SlotId("web", 0), "b");
        var mine = Map.of(new SlotId("web", 0), List.of(new SlotInstance("web-0a", "a", V1, InstanceState.READY)));
        var result = SlotPlacement.place(view, "a", mine);
        assertThat(result.instancesBySlot().get(new SlotId("web", 0))).extracting(SlotInstance::nodeId).containsExactly("b", "a");
        assertThat(result.placement().assignments()).containsEntry(new SlotId("web", 0), "a");
    }

    @Test
    void explainsUnplacedWaitingAndFailedSlotsInAppAndSlotOrder() {
        ClusterView view = new ViewBuilder("console").agent("a")
                .plan(Plan.of("huge", V1, 1).withNutrients(100, 999_999), 1)
                .plan(Plan.of("web", V1, 3).withNutrients(100, 64), 1)
                .instance("a", new InstanceRecord("web-0", "web", 0, V1, InstanceState.READY, 0, ""))
                .instance("a", new InstanceRecord("web-1", "web", 1, V1, InstanceState.CRASH_LOOP, 4, "exited with 1"))
                .build();
        List<Explanation> all = Explanations.of(view);
        assertThat(all).extracting(Explanation::app, Explanation::slot, Explanation::kind)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("huge", 0, Kind.UNPLACED),
                        org.assertj.core.groups.Tuple.tuple("web", 1, Kind.FAILED),
                        org.assertj.core.groups.Tuple.tuple("web", 2, Kind.WAITING));
        assertThat(all.get(0).text()).contains("memory_mb=999999");
        assertThat(all.get(1).text()).contains("web-1", "4 restarts", "exited with 1");
        assertThat(all.get(2).text()).isEqualTo("assigned to a, which has not started it yet");
        assertThat(all.get(2).node()).isEqualTo("a");
    }

    @Test
    void aSlotWhoseSporeIsBeingFetchedIsWaitingWithTheAgentsMessage() {
        ClusterView view = new ViewBuilder("console").agent("a").plan(Plan.of("web", V1, 1), 1)
                .instance("a", new InstanceRecord("web-0", "web", 0, V1, InstanceState.IDLE, 0, "waiting to learn which agent holds the spore"))
                .build();
        assertThat(Explanations.of(view)).singleElement().satisfies(e -> {
            assertThat(e.kind()).isEqualTo(Kind.WAITING);
            assertThat(e.text()).contains("not started yet", "waiting to learn which agent holds the spore");
        });
    }
}
