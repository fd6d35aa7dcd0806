package io.mycelium.fabric.placement;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

/**
 * The cheaper fit decides exactly as the plain definition: {@link Placement} and the pre-change
 * {@link ReferencePlacement} (every pair scored with {@link RendezvousHash#score}) give equal
 * results, reasons included, on random inputs: nodes of mixed weights (so that the per-weight skip
 * of the logarithm is exercised across groups), zero capacity, labels, non-ASCII ids; apps with
 * constraints, gaps in their slot numbers, nutrients that do not fit; slots running on nodes that
 * are gone, on nodes without room, and on nodes at the spread limit.
 */
class PlacementEquivalenceTest {
    private static final String[] ID_STEMS = {"agent-", "n", "node-", "ünï-", "узел-", "a"};

    @Property(tries = 400)
    void decidesLikeThePlainDefinitionOnRandomInputs(@ForAll long seed) {
        PlacementInput input = randomInput(new Random(seed));
        assertThat(Placement.place(input)).isEqualTo(ReferencePlacement.place(input));
    }

    @Test
    void decidesLikeThePlainDefinitionAtTheDesignSize() {
        // 300 nodes of three weights, 60 apps x 20: most slots scored against every node.
        Random random = new Random(7);
        List<NodeCandidate> nodes = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            nodes.add(new NodeCandidate(String.format("agent-%04d", i), i % 10 == 0 ? Map.of("zone", "b") : Map.of(),
                    List.of(2_000L, 4_000L, 8_000L).get(random.nextInt(3)), 4_096));
        }
        List<AppDemand> demands = new ArrayList<>();
        Map<SlotId, String> current = new HashMap<>();
        for (int a = 0; a < 60; a++) {
            demands.add(new AppDemand("app-" + a, 20, 250, 256, a % 7 == 0 ? Map.of("zone", "b") : Map.of()));
            for (int s = 0; s < 20; s += 3) {
                current.put(new SlotId("app-" + a, s), nodes.get(random.nextInt(nodes.size())).nodeId());
            }
        }
        PlacementInput input = new PlacementInput(nodes, demands, current);
        PlacementResult result = Placement.place(input);
        assertThat(result).isEqualTo(ReferencePlacement.place(input));
        assertThat(result.assignments()).hasSizeGreaterThan(1_000);
    }

    @Test
    void theSplitHashEqualsTheHashOfTheWholeString() {
        Random random = new Random(3);
        for (int i = 0; i < 2_000; i++) {
            SlotId slot = new SlotId(ID_STEMS[random.nextInt(ID_STEMS.length)] + random.nextInt(50), random.nextInt(1_000));
            String node = ID_STEMS[random.nextInt(ID_STEMS.length)] + random.nextInt(5_000);
            assertThat(RendezvousHash.finish(RendezvousHash.prefix(slot), RendezvousHash.bytes(node)))
                    .isEqualTo(RendezvousHash.hash(slot.app() + '\u0000' + slot.index() + '\u0000' + node));
        }
    }

    @Test
    void theScoreIsNonDecreasingInTheHashBitsForOneWeight() {
        // The property the skip relies on, at both ends of the 53-bit range and at random points.
        Random random = new Random(11);
        long top = (1L << 53) - 1;
        for (double weight : new double[] {1, 250, 2_000, 64_000}) {
            for (long bits = 0; bits < 2_000; bits++) {
                assertThat(RendezvousHash.score(bits + 1, weight)).isGreaterThanOrEqualTo(RendezvousHash.score(bits, weight));
            }
            for (long bits = top - 2_000; bits < top - 1; bits++) {
                assertThat(RendezvousHash.score(bits + 1, weight)).isGreaterThanOrEqualTo(RendezvousHash.score(bits, weight));
            }
            for (int i = 0; i < 20_000; i++) {
                long bits = random.nextLong(top - 1);
                long step = 1 + random.nextLong(1L << random.nextInt(40));
                long higher = Math.min(top - 1, bits + step);
                assertThat(RendezvousHash.score(higher, weight)).isGreaterThanOrEqualTo(RendezvousHash.score(bits, weight));
            }
            // u rounds to 1 at the very top: the score is -infinity there, which is why that value is never skipped
            assertThat(RendezvousHash.score(top, weight)).isEqualTo(Double.NEGATIVE_INFINITY);
        }
    }

    private static PlacementInput randomInput(Random random) {
        int n = random.nextInt(40);
        List<NodeCandidate> nodes = new ArrayList<>();
        TreeSet<String> ids = new TreeSet<>();
        long[] weights = {0, 500, 1_000, 2_000, 2_000, 2_000, 4_000};
        while (nodes.size() < n) {
            String id = ID_STEMS[random.nextInt(ID_STEMS.length)] + random.nextInt(200);
            if (!ids.add(id)) {
                continue;
            }
            Map<String, String> labels = new HashMap<>();
            if (random.nextInt(3) == 0) {
                labels.put("zone", random.nextBoolean() ? "a" : "b");
            }
            if (random.nextInt(4) == 0) {
                labels.put("gpu", "yes");
            }
            long cpu = weights[random.nextInt(weights.length)];
            long memory = List.of(0L, 512L, 2_048L, 4_096L).get(random.nextInt(4));
            nodes.add(new NodeCandidate(id, labels, cpu, memory));
        }
        List<String> idList = new ArrayList<>(ids);
        List<AppDemand> demands = new ArrayList<>();
        Map<SlotId, String> current = new HashMap<>();
        for (int a = 0, apps = random.nextInt(8); a < apps; a++) {
            String app = (random.nextBoolean() ? "app-" : "ä") + a;
            TreeSet<Integer> slots = new TreeSet<>();
            for (int s = 0, count = random.nextInt(25); s < count; s++) {
                slots.add(random.nextInt(4) == 0 ? s + random.nextInt(10) : s);
            }
            Map<String, String> constraints = switch (random.nextInt(6)) {
                case 0 -> Map.of("zone", "a");
                case 1 -> Map.of("gpu", "yes");
                case 2 -> Map.of("zone", "c");
                default -> Map.of();
            };
            long cpu = List.of(0L, 100L, 250L, 1_000L, 5_000L).get(random.nextInt(5));
            long memory = List.of(0L, 64L, 256L, 1_024L).get(random.nextInt(4));
            demands.add(new AppDemand(app, slots, cpu, memory, constraints));
            for (int s : slots) {
                if (random.nextInt(3) == 0) {
                    String where = idList.isEmpty() || random.nextInt(5) == 0 ? "gone-" + random.nextInt(3)
                            : idList.get(random.nextInt(idList.size()));
                    current.put(new SlotId(app, s), where);
                }
            }
        }
        return new PlacementInput(nodes, demands, current);
    }
}
