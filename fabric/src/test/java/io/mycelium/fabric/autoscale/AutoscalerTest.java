package io.mycelium.fabric.autoscale;

import static org.assertj.core.api.Assertions.assertThat;

import io.mycelium.fabric.ClusterMember;
import io.mycelium.fabric.ClusterView;
import io.mycelium.fabric.membership.MemberStatus;
import io.mycelium.fabric.model.Budget;
import io.mycelium.fabric.model.Json;
import io.mycelium.fabric.model.Plan;
import io.mycelium.fabric.model.RecordKind;
import io.mycelium.fabric.model.Role;
import io.mycelium.fabric.model.ScaleDecision;
import io.mycelium.fabric.model.Telemetry;
import io.mycelium.fabric.model.UpdateStrategy;
import io.mycelium.fabric.model.Usage;
import io.mycelium.fabric.state.FabricRecord;
import io.mycelium.fabric.state.OperatorRecords;
import io.mycelium.fabric.state.RecordKey;
import io.mycelium.fabric.state.Version;
import io.mycelium.spore.digest.Digest;
import io.mycelium.spore.key.SigningKey;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The autoscaler as a pure function of records and the clock, walked tick by tick. */
class AutoscalerTest {
    private static final SigningKey OPERATOR = SigningKey.fromSeed(new byte[32]);
    private static final String APP = "shop";
    private static final ScalePolicy POLICY = new ScalePolicy(0.1, 60_000, 10_000, 1);

    /** A cluster of one agent and edges; each tick the agent publishes the decision, as agents do. */
    private static final class World {
        final Map<String, MemberStatus> edges = new java.util.TreeMap<>();
        final Map<String, Map<String, Double>> telemetry = new java.util.TreeMap<>();
        double credits = 100;
        long windowMs;
        long cooldownMs;
        long spentMicro;
        long counter;
        ScaleDecision last;

        World edge(String id, double p99, double rps) {
            edges.putIfAbsent(id, MemberStatus.ALIVE);
            telemetry.put(id, Map.of("p99_ms." + APP, p99, "rps." + APP, rps));
            return this;
        }

        ClusterView view(long now) {
            List<ClusterMember> members = new ArrayList<>();
            List<FabricRecord> records = new ArrayList<>();
            members.add(new ClusterMember("a", Role.AGENT, "127.0.0.1", 1, 2, MemberStatus.ALIVE, 0, true));
            Plan plan = Plan.of(APP, Digest.of("v1".getBytes(StandardCharsets.UTF_8)), 2)
                    .withStrategy(UpdateStrategy.DEFAULT.withAnalysis(UpdateStrategy.Analysis.DEFAULT.withP99BudgetMs(100)));
            records.add(OperatorRecords.sign(OPERATOR, plan, APP, 1, 1));
            records.add(OperatorRecords.sign(OPERATOR, new Budget(APP, credits, 0, 1, 6, 0, 0).withScaling(windowMs, cooldownMs), APP, 1, 1));
            records.add(node(RecordKind.USAGE, "a", APP, new Usage(APP, 0, 0, spentMicro, 0, 2, now)));
            edges.forEach((id, status) -> {
                members.add(new ClusterMember(id, Role.EDGE, "127.0.0.1", 1, 2, status, 0, false));
                records.add(node(RecordKind.TELEMETRY, id, "", new Telemetry(telemetry.get(id))));
            });
            if (last != null) {
                records.add(node(RecordKind.SCALE, "a", APP, last));
            }
            return new ClusterView("a", now, members, records);
        }

        private FabricRecord node(RecordKind kind, String owner, String name, Object payload) {
            return new FabricRecord(RecordKey.node(kind, owner, name), new Version(1, ++counter, ""), Json.write(payload), "");
        }

        ScaleDecision tick(long now) {
            last = Autoscaler.decide(view(now), APP, now, POLICY).orElseThrow();
            return last;
        }
    }

    @Test
    void scalesOutWhileOverTheSloAndBackInAfterTheWindow() {
        World w = new World().edge("e1", 300, 50);
        ScaleDecision d = w.tick(1_000);
        assertThat(d.desired()).isEqualTo(6); // ceil(2 x 3) = 6 = max
        assertThat(d.reason()).startsWith("scaled out 2 -> 6: p99 300 ms vs target 100 ms");
        w.edge("e1", 30, 50);
        d = w.tick(20_000);
        assertThat(d.desired()).as(d.reason()).isEqualTo(6);
        assertThat(d.reason()).contains("the last 60 s recommended up to 6");
        d = w.tick(62_000);
        assertThat(d.desired()).as(d.reason()).isEqualTo(2); // ceil(6 x 0.3) = 2, the scale-out left the window
        assertThat(d.reason()).startsWith("scaled in 6 -> 2");
    }

    @Test
    void theBudgetsOwnWindowAndCooldownReplaceTheDefaults() {
        World w = new World().edge("e1", 300, 50);
        w.windowMs = 5_000;
        w.cooldownMs = 2_000;
        assertThat(w.tick(1_000).desired()).isEqualTo(6);
        w.edge("e1", 30, 50);
        ScaleDecision d = w.tick(2_500);
        assertThat(d.desired()).as(d.reason()).isEqualTo(6);
        assertThat(d.reason()).contains("the last 5 s recommended up to 6");
        d = w.tick(6_500);
        assertThat(d.desired()).as(d.reason()).isEqualTo(2);
        assertThat(d.reason()).startsWith("scaled in 6 -> 2");
        w.edge("e1", 300, 50);
        d = w.tick(7_500);
        assertThat(d.desired()).as(d.reason()).isEqualTo(2);
        assertThat(d.reason()).contains("cooling down");
        assertThat(w.tick(9_000).desired()).as("the 2 s cooldown is over").isEqualTo(6);
    }

    @Test
    void aP99InsideTheToleranceBandChangesNothing() {
        ScaleDecision d = new World().edge("e1", 108, 50).tick(1_000);
        assertThat(d.desired()).isEqualTo(2);
        assertThat(d.reason()).startsWith("steady at 2: p99 108 ms vs target 100 ms (±10%)");
    }

    @Test
    void aFlappingP99DoesNotFlapTheCount() {
        World w = new World().edge("e1", 160, 50);
        List<Integer> counts = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            w.edge("e1", i % 2 == 0 ? 160 : 40, 50);
            counts.add(w.tick(1_000 + i * 2_000L).desired());
        }
        long changes = 0;
        for (int i = 1; i < counts.size(); i++) {
            changes += counts.get(i).equals(counts.get(i - 1)) ? 0 : 1;
        }
        assertThat(changes).as("counts %s", counts).isLessThanOrEqualTo(2);
        assertThat(counts).allSatisfy(c -> assertThat(c).isBetween(1, 6));
    }

    @Test
    void aDeadEdgesStaleTelemetryIsIgnoredAndTwoEdgesThatDisagreeTakeTheSlowest() {
        World w = new World().edge("e1", 900, 50).edge("e2", 100, 50);
        w.edges.put("e1", MemberStatus.DEAD);
        ScaleDecision d = w.tick(1_000);
        assertThat(d.p99Ms()).isEqualTo(100);
        assertThat(d.desired()).isEqualTo(2);
        w.edges.put("e1", MemberStatus.ALIVE);
        w.edge("e1", 250, 30);
        d = w.tick(2_000);
        assertThat(d.p99Ms()).isEqualTo(250);
        assertThat(d.rps()).isEqualTo(80);
        assertThat(d.desired()).isEqualTo(5);
    }

    @Test
    void noDataOrTooLittleTrafficKeepsTheCountAndSaysSo() {
        World w = new World();
        assertThat(w.tick(1_000).reason()).isEqualTo("no data: no live edge reports shop; keeping 2");
        w.edge("e1", 900, 0.2);
        ScaleDecision d = w.tick(2_000);
        assertThat(d.desired()).isEqualTo(2);
        assertThat(d.reason()).startsWith("no data: 0.20 requests/s is under the 1.00 needed");
    }

    @Test
    void noScaleOutTheBudgetCannotPayForAndNoneDuringTheCooldown() {
        World w = new World().edge("e1", 150, 50);
        w.spentMicro = 200_000_000; // 200 spent of 100
        ScaleDecision d = w.tick(1_000);
        assertThat(d.desired()).isEqualTo(2);
        assertThat(d.reason()).startsWith("wants 3 but the budget is out of credits");
        w.spentMicro = 0;
        assertThat(w.tick(2_000).desired()).isEqualTo(3);
        d = w.tick(4_000);
        assertThat(d.desired()).isEqualTo(3);
        assertThat(d.reason()).startsWith("wants 5 but cooling down until 8000 ms from now");
        assertThat(w.tick(13_000).desired()).isEqualTo(5);
    }

    private static ClusterView agents(int n, java.util.Set<String> dead) {
        List<ClusterMember> members = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String id = String.format("agent-%04d", i);
            members.add(new ClusterMember(id, Role.AGENT, "127.0.0.1", 1, 2, dead.contains(id) ? MemberStatus.DEAD : MemberStatus.ALIVE, 0, i == 0));
        }
        members.add(new ClusterMember("edge-1", Role.EDGE, "127.0.0.1", 1, 2, MemberStatus.ALIVE, 0, false));
        return new ClusterView("agent-0000", 0, members, List.of());
    }

    private static List<String> publishersOf(ClusterView v, String app) {
        return v.liveMembers(Role.AGENT).stream().map(ClusterMember::id).filter(id -> Autoscaler.publishes(v, app, id)).toList();
    }

    @Test
    void threeLiveAgentsPublishAnAppsDecisionsTheSameThreeOnEveryViewAndADeadOneIsReplaced() {
        ClusterView big = agents(1_000, java.util.Set.of());
        List<String> shop = publishersOf(big, APP);
        assertThat(shop).hasSize(Autoscaler.PUBLISHERS);
        assertThat(publishersOf(agents(1_000, java.util.Set.of()), APP)).as("another member's equal view").isEqualTo(shop);
        assertThat(publishersOf(big, "billing")).as("another app spreads the work").hasSize(3).isNotEqualTo(shop);
        assertThat(Autoscaler.publishes(big, APP, "edge-1")).as("an edge never publishes").isFalse();

        ClusterView oneDied = agents(1_000, java.util.Set.of(shop.get(1)));
        List<String> after = publishersOf(oneDied, APP);
        assertThat(after).hasSize(3).contains(shop.get(0), shop.get(2)).doesNotContain(shop.get(1));
        assertThat(Autoscaler.publishes(oneDied, APP, shop.get(1))).as("a dead agent").isFalse();

        assertThat(publishersOf(agents(2, java.util.Set.of()), APP)).as("a small cluster: every agent").hasSize(2);
    }
}
