package io.mycelium.fabric.rollout;

import static io.mycelium.fabric.rollout.World.APP;
import static io.mycelium.fabric.rollout.World.V1;
import static io.mycelium.fabric.rollout.World.V2;
import static org.assertj.core.api.Assertions.assertThat;

import io.mycelium.fabric.model.Role;
import io.mycelium.fabric.model.UpdateStrategy;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SwitchBarrierTest {
    /** Blue/green v1 -> v2 promoted, with e2 not following. */
    private static World promotedWithLaggingEdge() {
        World w = World.waitingForPromote(2);
        w.lagging("e2", true);
        w.promote();
        w.tick();
        return w;
    }

    @Test
    void waitsForALaggingEdge() {
        World w = promotedWithLaggingEdge();
        RolloutDecision d = w.tick();
        assertThat(d.phase()).isEqualTo(Phase.WAITING_FOR_SWITCH_BARRIER);
        assertThat(d.barrier()).hasValueSatisfying(b -> {
            assertThat(b.leaving()).isEqualTo(V1);
            assertThat(b.waiting()).containsOnlyKeys("e2");
            assertThat(b.waiting().get("e2")).startsWith("still routes " + V1.shortForm() + " 100 (preview " + V2.shortForm() + ")");
        });
        assertThat(d.state().reason()).contains("e2 still routes");
        assertThat(d.instances()).isEqualTo(Map.of(V1, 2, V2, 2));
        w.advance(3_600_000);
        assertThat(w.tick().instances()).as("never a guessed delay: blue stays while an edge lags").isEqualTo(Map.of(V1, 2, V2, 2));
        w.lagging("e2", false);
        w.tick();
        assertThat(w.tick().phase()).isEqualTo(Phase.SCALING_DOWN);
    }

    @Test
    void waitsForInFlightRequestsToTheOldRevisionToDrain() {
        World w = promotedWithLaggingEdge();
        w.lagging("e2", false);
        w.inFlight("e2", V1, 3);
        w.tick();
        RolloutDecision d = w.tick();
        assertThat(d.phase()).isEqualTo(Phase.WAITING_FOR_SWITCH_BARRIER);
        assertThat(d.barrier().orElseThrow().waiting()).containsEntry("e2", "3 requests still in flight to " + V1.shortForm());
        w.inFlight("e2", V1, 0);
        w.tick();
        assertThat(w.tick().phase()).isEqualTo(Phase.SCALING_DOWN);
    }

    @Test
    void waitsForAnEdgeThatRoutesGreenButHasNotLearnedItsEndpoints() {
        World w = World.waitingForPromote(2);
        w.blind("e2", V2, true);
        w.promote();
        w.tick();
        RolloutDecision d = w.tick();
        assertThat(d.phase()).isEqualTo(Phase.WAITING_FOR_SWITCH_BARRIER);
        assertThat(d.barrier().orElseThrow().waiting())
                .containsOnly(Map.entry("e2", "routes " + V2.shortForm() + " but sees no Ready endpoint of it yet"));
        assertThat(d.instances()).as("blue stays while an edge could only answer 503").isEqualTo(Map.of(V1, 2, V2, 2));
        w.blind("e2", V2, false);
        w.tick();
        assertThat(w.tick().phase()).isEqualTo(Phase.SCALING_DOWN);
    }

    @Test
    void aReportWithoutReadyCountsIsTakenAtItsWord() {
        World w = promotedWithLaggingEdge();
        assertThat(w.decide().phase()).isEqualTo(Phase.WAITING_FOR_SWITCH_BARRIER);
        w.nodeRecord("e2", io.mycelium.fabric.model.RecordKind.ROUTING, APP,
                new io.mycelium.fabric.model.RoutingReport(APP, w.decide().state().rollout(), Map.of(V2, 100), null, Map.of()));
        assertThat(w.decide().phase()).isEqualTo(Phase.SCALING_DOWN);
    }

    @Test
    void anEdgeThatHasNotReportedIsWaitedForAndADeadOneIsNot() {
        World w = promotedWithLaggingEdge();
        w.member("e3", Role.EDGE);
        w.lagging("e3", true);
        w.lagging("e2", false);
        w.tick();
        RolloutDecision d = w.tick();
        assertThat(d.barrier().orElseThrow().waiting()).containsOnly(Map.entry("e3", "has not reported its routing"));
        w.kill("e3");
        assertThat(w.tick().phase()).isEqualTo(Phase.SCALING_DOWN);
    }

    @Test
    void aPassedBarrierIsLatchedWhenAnEdgeRestartsAfterIt() {
        World w = promotedWithLaggingEdge();
        w.lagging("e2", false);
        w.tick();
        assertThat(w.tick().phase()).isEqualTo(Phase.SCALING_DOWN);
        w.member("e4", Role.EDGE);
        w.lagging("e4", true);
        w.advance(UpdateStrategy.DEFAULT_SCALE_DOWN_DELAY_MS);
        assertThat(w.tick().phase()).isEqualTo(Phase.COMPLETED);
    }

    @Test
    void aRouterOnAnAgentThatReportsIsPartOfTheBarrier() {
        World w = promotedWithLaggingEdge();
        w.lagging("e2", false);
        w.nodeRecord("a2", io.mycelium.fabric.model.RecordKind.ROUTING, APP,
                new io.mycelium.fabric.model.RoutingReport(APP, w.decide().state().rollout(), Map.of(V1, 100), null, Map.of()));
        w.tick();
        assertThat(w.tick().barrier().orElseThrow().waiting()).containsOnlyKeys("a2");
    }

    @Test
    void blueStaysWhileAnAgentsHyphaeRouterLags() {
        World w = World.waitingForPromote(2).withRouters();
        w.tick();
        w.lagging("a2", true);
        w.promote();
        w.tick();
        RolloutDecision d = w.tick();
        assertThat(d.phase()).isEqualTo(Phase.WAITING_FOR_SWITCH_BARRIER);
        assertThat(d.barrier().orElseThrow().waiting()).containsOnlyKeys("a2");
        assertThat(d.barrier().orElseThrow().waiting().get("a2")).startsWith("still routes " + V1.shortForm() + " 100");
        assertThat(d.state().reason()).contains("a2 still routes");
        w.advance(3_600_000);
        assertThat(w.tick().instances()).as("app-to-app calls through a2 still reach blue").isEqualTo(Map.of(V1, 2, V2, 2));
        w.lagging("a2", false);
        w.tick();
        assertThat(w.tick().phase()).isEqualTo(Phase.SCALING_DOWN);
    }

    @Test
    void aHyphaeRouterThatHasNotReportedIsWaitedForUntilItsAgentDies() {
        World w = World.waitingForPromote(2);
        w.lagging("a3", true);
        w.withRouters();
        w.promote();
        w.tick();
        RolloutDecision d = w.tick();
        assertThat(d.barrier().orElseThrow().waiting()).containsOnly(Map.entry("a3", "has not reported its routing"));
        w.kill("a3");
        // a3's green instance is placed again on a1 or a2 (one round with the previous split while it starts), then the switch
        w.tick();
        w.tick();
        RolloutDecision after = w.tick();
        assertThat(after.phase()).as(after.state().reason()).isEqualTo(Phase.SCALING_DOWN);
    }

    @Test
    void anAbortStopsGreenOnlyOnceEveryHyphaeRouterHasLeftIt() {
        World w = World.waitingForPromote(2).withRouters();
        w.inFlight("a1", V2, 2);
        w.tick();
        w.command(World.ALICE, h -> RolloutCommands.abort(w.view(), APP, h, "test"));
        w.tick();
        RolloutDecision d = w.tick();
        assertThat(d.phase()).isEqualTo(Phase.ABORTED);
        assertThat(d.barrier().orElseThrow().waiting()).containsOnly(Map.entry("a1", "2 requests still in flight to " + V2.shortForm()));
        assertThat(d.instances()).as("green keeps running while a router has calls in flight to it").containsEntry(V2, 2);
        w.inFlight("a1", V2, 0);
        w.tick();
        assertThat(w.tick().instances()).isEqualTo(Map.of(V1, 2));
    }
}
