package io.mycelium.client.explain;

import static org.assertj.core.api.Assertions.assertThat;

import io.mycelium.client.explain.Explanation.Kind;
import io.mycelium.client.rows.AppRows;
import io.mycelium.client.testing.ViewBuilder;
import io.mycelium.fabric.ClusterView;
import io.mycelium.fabric.model.Budget;
import io.mycelium.fabric.model.Plan;
import io.mycelium.fabric.model.Usage;
import io.mycelium.fabric.placement.SlotId;
import io.mycelium.spore.digest.Digest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The ledger's admission inside the one placement function, and its reasons in rows and explanations. */
class LedgerPlacementTest {
    private static final Digest V1 = Digest.of("v1".getBytes(StandardCharsets.UTF_8));
    private static final Plan SHOP = Plan.of("shop", V1, 3).withNutrients(100, 64);

    private static ViewBuilder cluster() {
        return new ViewBuilder("console").agent("a").agent("b").plan(SHOP, 1);
    }

    @Test
    void anAppOutOfCreditsRunsOnlyItsMinAndEveryViewSaysWhy() {
        ClusterView view = cluster().budget(new Budget("shop", 10, 0, 1, 5, 0, 0), 1)
                .usage("a", new Usage("shop", 0, 0, 7_000_000, 1, 2, 0))
                .usage("b", new Usage("shop", 0, 0, 3_500_000, 1, 1, 0)).build();
        SlotPlacement.Result r = SlotPlacement.place(view);
        assertThat(r.placement().assignments()).containsOnlyKeys(new SlotId("shop", 0));
        assertThat(r.revisions()).containsOnlyKeys(new SlotId("shop", 0));
        assertThat(r.admissions().get("shop").admitted()).isEqualTo(1);
        String reason = "out of credits (balance -0.50): scaled to the budget's min 1 of 3; top up with mesh budget topup shop CREDITS";
        assertThat(r.placement().unplaced()).extracting(u -> u.slot().index(), u -> u.reason())
                .containsExactly(org.assertj.core.groups.Tuple.tuple(1, reason), org.assertj.core.groups.Tuple.tuple(2, reason));
        assertThat(Explanations.of(view)).filteredOn(e -> e.kind() == Kind.UNPLACED).extracting(Explanation::text).containsOnly(reason);
        assertThat(AppRows.row(view, "shop", List.of(), r.placement().unplaced()).unplaced()).hasSize(2).allSatisfy(u -> assertThat(u.reason()).isEqualTo(reason));
        // every agent decides the same
        assertThat(SlotPlacement.place(new ViewBuilder("a").agent("a").agent("b").plan(SHOP, 1).budget(new Budget("shop", 10, 0, 1, 5, 0, 0), 1)
                .usage("a", new Usage("shop", 0, 0, 7_000_000, 1, 2, 0)).usage("b", new Usage("shop", 0, 0, 3_500_000, 1, 1, 0)).build(),
                "a", Map.of()).placement()).isEqualTo(r.placement());
    }

    @Test
    void aTopUpBringsTheInstancesBack() {
        ClusterView view = cluster().budget(new Budget("shop", 10, 0, 1, 5, 0, 0), 1).budget(new Budget("shop", 20, 0, 1, 5, 0, 0), 2)
                .usage("a", new Usage("shop", 0, 0, 10_500_000, 1, 2, 0)).build();
        SlotPlacement.Result r = SlotPlacement.place(view);
        assertThat(r.placement().assignments()).hasSize(3);
        assertThat(r.placement().unplaced()).isEmpty();
    }

    @Test
    void whenCapacityIsShortTheLowerPriorityAppYields() {
        // two agents of 2000 cpu_milli each: the paid, higher-priority app takes 3000, the other gets what is left
        ClusterView view = new ViewBuilder("console").agent("a").agent("b")
                .plan(Plan.of("web", V1, 3).withNutrients(1000, 64), 1).budget(new Budget("web", 100, 0, 1, 3, 10, 0), 1)
                .plan(Plan.of("batch", V1, 3).withNutrients(1000, 64), 1).build();
        SlotPlacement.Result r = SlotPlacement.place(view);
        assertThat(r.placement().assignments().keySet()).containsExactlyInAnyOrder(
                new SlotId("web", 0), new SlotId("web", 1), new SlotId("web", 2), new SlotId("batch", 0));
        assertThat(r.placement().unplaced()).extracting(u -> u.slot().toString()).hasSize(2);
        assertThat(r.placement().unplaced()).allSatisfy(u -> assertThat(u.reason()).startsWith("capacity short: 1 of 3 fit (priority 0 yields"));
    }

    @Test
    void withoutBudgetsPlacementIsAsBefore() {
        ClusterView view = new ViewBuilder("console").agent("a").plan(Plan.of("web", V1, 3).withNutrients(1500, 64), 1).build();
        SlotPlacement.Result r = SlotPlacement.place(view);
        assertThat(r.placement().assignments()).hasSize(1);
        assertThat(r.placement().unplaced()).hasSize(2).allSatisfy(u -> assertThat(u.reason()).startsWith("needs cpu_milli=1500"));
    }

    @Test
    void instancesBySlotReadsTheRecordsOnceAsItReadEachLiveAgentsRecords() {
        // The one pass over the instance records gives what reading view.instancesOn(member) for every live agent gave, in the same order.
        java.util.Random random = new java.util.Random(5);
        ViewBuilder b = new ViewBuilder("agent-03");
        for (int n = 0; n < 12; n++) {
            b.agent(String.format("agent-%02d", n), n % 5 == 4 ? io.mycelium.fabric.membership.MemberStatus.DEAD
                    : io.mycelium.fabric.membership.MemberStatus.ALIVE, Map.of());
        }
        for (int i = 0; i < 200; i++) {
            String node = random.nextInt(10) == 0 ? "agent-gone" : String.format("agent-%02d", random.nextInt(12));
            b.instance(node, new io.mycelium.fabric.model.InstanceRecord("i-" + i, List.of("app-0", "app-1", "app-10", "app-1x", "app-2").get(random.nextInt(5)), random.nextInt(6), V1,
                    io.mycelium.fabric.model.InstanceState.values()[random.nextInt(io.mycelium.fabric.model.InstanceState.values().length)], 0, ""));
        }
        ClusterView view = b.build();
        Map<SlotId, List<io.mycelium.fabric.update.SlotInstance>> mine = Map.of(new SlotId("app-1", 2),
                List.of(new io.mycelium.fabric.update.SlotInstance("mine-1", "agent-03", V1, io.mycelium.fabric.model.InstanceState.READY)));
        java.util.SortedMap<SlotId, List<io.mycelium.fabric.update.SlotInstance>> expected = new java.util.TreeMap<>();
        for (io.mycelium.fabric.ClusterMember m : view.liveMembers(io.mycelium.fabric.model.Role.AGENT)) {
            if (m.id().equals("agent-03")) {
                continue;
            }
            for (io.mycelium.fabric.model.InstanceRecord r : view.instancesOn(m.id())) {
                expected.computeIfAbsent(new SlotId(r.app(), r.slot()), s -> new java.util.ArrayList<>())
                        .add(new io.mycelium.fabric.update.SlotInstance(r.instanceId(), m.id(), r.digest(), r.state()));
            }
        }
        mine.forEach((slot, list) -> expected.computeIfAbsent(slot, s -> new java.util.ArrayList<>()).addAll(list));
        var actual = SlotPlacement.instancesBySlot(view, "agent-03", mine);
        assertThat(actual).isEqualTo(expected);
        for (String app : List.of("app-0", "app-1", "app-10", "app-1x", "app-2", "app-", "app")) {
            assertThat(SlotPlacement.slotsOf(actual, app)).as(app)
                    .isEqualTo(expected.entrySet().stream().filter(e -> e.getKey().app().equals(app))
                            .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)));
        }
        assertThat(actual.values().stream().mapToInt(List::size).sum()).isBetween(100, 200);
    }
}
