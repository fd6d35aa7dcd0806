package io.mycelium.fabric.placement;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;

class PlacementTest {
    private static NodeCandidate node(String id) {
        return new NodeCandidate(id, Map.of(), 4000, 8192);
    }

    @Test
    void agentsWithTheSameViewInAnyOrderAgree() {
        List<NodeCandidate> nodes = new ArrayList<>(List.of(node("a"), node("b"), node("c"), node("d")));
        List<AppDemand> demands = new ArrayList<>(List.of(
                new AppDemand("billing", 3, 100, 64, Map.of()), new AppDemand("frontend", 2, 100, 64, Map.of())));
        PlacementResult first = Placement.place(new PlacementInput(nodes, demands, Map.of()));
        Collections.reverse(nodes);
        Collections.reverse(demands);
        PlacementResult second = Placement.place(new PlacementInput(nodes, demands, Map.of()));
        assertThat(second).isEqualTo(first);
        assertThat(first.assignments()).hasSize(5);
        assertThat(first.unplaced()).isEmpty();
    }

    @Test
    void spreadsAnAppAcrossDistinctNodes() {
        PlacementResult r = Placement.place(new PlacementInput(List.of(node("a"), node("b"), node("c")),
                List.of(new AppDemand("billing", 3, 100, 64, Map.of())), Map.of()));
        assertThat(r.assignments().values()).containsExactlyInAnyOrder("a", "b", "c");
    }

    @Test
    void honoursCapacityAndSaysWhyASlotFitsNowhere() {
        NodeCandidate small = new NodeCandidate("small", Map.of(), 500, 1024);
        PlacementResult r = Placement.place(new PlacementInput(List.of(small),
                List.of(new AppDemand("billing", 3, 200, 100, Map.of())), Map.of()));
        assertThat(r.assignments()).hasSize(2);
        assertThat(r.unplaced()).singleElement().satisfies(u -> {
            assertThat(u.slot()).isEqualTo(new SlotId("billing", 2));
            assertThat(u.reason()).contains("needs cpu_milli=200").contains("cpu_milli=100");
        });
    }

    @Test
    void impossibleNutrientsAreUnplacedNotOvercommitted() {
        PlacementResult r = Placement.place(new PlacementInput(List.of(node("a"), node("b")),
                List.of(new AppDemand("huge", 1, 1, 1_000_000, Map.of())), Map.of()));
        assertThat(r.assignments()).isEmpty();
        assertThat(r.unplaced()).singleElement().extracting(PlacementResult.Unplaced::reason).asString().contains("memory_mb=1000000");
    }

    @Test
    void placesOnlyOnNodesWithTheRequiredLabels() {
        NodeCandidate gpu = new NodeCandidate("gpu1", Map.of("gpu", "yes", "zone", "lab"), 4000, 8192);
        PlacementResult r = Placement.place(new PlacementInput(List.of(node("a"), gpu, node("b")),
                List.of(new AppDemand("train", 2, 100, 64, Map.of("gpu", "yes")),
                        new AppDemand("web", 1, 100, 64, Map.of("zone", "dmz"))), Map.of()));
        assertThat(r.assignments()).containsEntry(new SlotId("train", 0), "gpu1").containsEntry(new SlotId("train", 1), "gpu1");
        assertThat(r.unplaced()).singleElement().satisfies(u -> assertThat(u.reason()).contains("labels {zone=dmz}"));
    }

    @Test
    void losingANodeMovesOnlyThatNodesSlots() {
        Random random = new Random(42);
        for (int trial = 0; trial < 300; trial++) {
            List<NodeCandidate> nodes = new ArrayList<>();
            int n = 2 + random.nextInt(12);
            for (int i = 0; i < n; i++) {
                nodes.add(new NodeCandidate("node-" + i, Map.of(), 1000 + random.nextInt(8) * 500, 65536));
            }
            List<AppDemand> demands = new ArrayList<>();
            for (int a = 0, apps = 1 + random.nextInt(6); a < apps; a++) {
                demands.add(new AppDemand("app" + a, 1 + random.nextInt(n), 10, 16, Map.of()));
            }
            PlacementResult before = Placement.place(new PlacementInput(nodes, demands, Map.of()));
            NodeCandidate lost = nodes.remove(random.nextInt(nodes.size()));
            PlacementResult after = Placement.place(new PlacementInput(nodes, demands, before.assignments()));

            assertThat(after.unplaced()).isEmpty();
            before.assignments().forEach((slot, where) -> {
                if (!where.equals(lost.nodeId())) {
                    assertThat(after.assignments().get(slot)).as("slot %s was on %s", slot, where).isEqualTo(where);
                } else {
                    assertThat(after.assignments().get(slot)).isNotNull().isNotEqualTo(lost.nodeId());
                }
            });
        }
    }

    @Test
    void aNewSlotsShareFollowsNodeWeight() {
        List<NodeCandidate> nodes = List.of(new NodeCandidate("small", Map.of(), 1000, 1 << 30), new NodeCandidate("big", Map.of(), 3000, 1 << 30));
        List<AppDemand> demands = new ArrayList<>();
        for (int i = 0; i < 4000; i++) {
            demands.add(new AppDemand("app-" + i, 1, 0, 0, Map.of()));
        }
        PlacementResult r = Placement.place(new PlacementInput(nodes, demands, Map.of()));
        Map<String, Integer> counts = new HashMap<>();
        r.assignments().values().forEach(node -> counts.merge(node, 1, Integer::sum));
        assertThat(counts.get("big") / 4000.0).isBetween(0.72, 0.78);
    }

    @Test
    void hashIsTheDocumentedFunctionOnEveryJvm() {
        // Values computed independently (FNV-1a 64 + SplitMix64 finaliser, in Python): every node
        // of a cluster, whatever its JVM, must compute the very same scores.
        assertThat(Long.toHexString(RendezvousHash.hash(""))).isEqualTo("f52a15e9a9b5e89b");
        assertThat(Long.toHexString(RendezvousHash.hash("billing\u00000\u0000node-1"))).isEqualTo("863b5f34fe04a4d5");
    }
}
