package io.mycelium.fabric.rollout;

import static io.mycelium.fabric.rollout.World.ALICE;
import static io.mycelium.fabric.rollout.World.APP;
import static io.mycelium.fabric.rollout.World.V1;
import static io.mycelium.fabric.rollout.World.V2;
import static org.assertj.core.api.Assertions.assertThat;

import io.mycelium.fabric.model.RevisionEntry.Outcome;
import io.mycelium.fabric.model.UpdateStrategy;
import io.mycelium.fabric.model.UpdateStrategy.NoDataAction;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BlueGreenRolloutTest {
    private static final UpdateStrategy MANUAL = UpdateStrategy.blueGreen(null);

    /** Starts v2 and ticks until green is Ready beside blue. */
    private static World greenReady(UpdateStrategy s) {
        World w = World.running(3);
        w.start(V2, s);
        RolloutDecision starting = w.tick();
        assertThat(starting.phase()).isEqualTo(Phase.PROGRESSING);
        assertThat(starting.instances()).isEqualTo(Map.of(V1, 3, V2, 3));
        assertThat(starting.split()).isEqualTo(TrafficSplit.all(V1).withPreview(V2));
        assertThat(starting.state().reason()).contains("0 of 3 instances of " + V2.shortForm() + " Ready");
        w.healthy(V2, true);
        w.tick();
        return w;
    }

    @Test
    void v1ToV2CompletesThroughPreviewPromoteBarrierAndScaleDownDelay() {
        World w = greenReady(MANUAL);

        RolloutDecision waiting = w.tick();
        assertThat(waiting.phase()).isEqualTo(Phase.WAITING_FOR_PROMOTE);
        assertThat(waiting.split().weights()).containsExactly(Map.entry(V1, 100));
        assertThat(waiting.split().preview()).isEqualTo(V2);
        assertThat(waiting.state().reason()).contains("X-Mycelium-Preview: 1", "/billing@preview/", "mesh rollout promote billing");
        w.advance(3_600_000);
        assertThat(w.tick().phase()).as("manual promote is the default: it waits, however long").isEqualTo(Phase.WAITING_FOR_PROMOTE);

        w.command(ALICE, h -> RolloutCommands.promote(w.view(), APP, h, ""));
        RolloutDecision switching = w.tick();
        assertThat(switching.phase()).isEqualTo(Phase.WAITING_FOR_SWITCH_BARRIER);
        assertThat(switching.split()).isEqualTo(TrafficSplit.all(V2));
        assertThat(switching.instances()).as("blue stays until every edge has switched").isEqualTo(Map.of(V1, 3, V2, 3));
        assertThat(switching.barrier()).hasValueSatisfying(b -> assertThat(b.waiting()).containsOnlyKeys("e1", "e2"));

        RolloutDecision down = w.tick();
        assertThat(down.phase()).isEqualTo(Phase.SCALING_DOWN);
        assertThat(down.instances()).isEqualTo(Map.of(V1, 3, V2, 3));
        assertThat(down.scaleDownAtMs()).isEqualTo(w.now() + UpdateStrategy.DEFAULT_SCALE_DOWN_DELAY_MS);

        w.advance(UpdateStrategy.DEFAULT_SCALE_DOWN_DELAY_MS - 1);
        assertThat(w.tick().phase()).isEqualTo(Phase.SCALING_DOWN);
        w.advance(1);
        RolloutDecision done = w.tick();
        assertThat(done.phase()).isEqualTo(Phase.COMPLETED);
        assertThat(done.instances()).isEqualTo(Map.of(V2, 3));
        assertThat(done.split()).isEqualTo(TrafficSplit.all(V2));
        assertThat(done.state().history().get(0).digest()).isEqualTo(V2);
        assertThat(done.state().history().get(0).outcome()).isEqualTo(Outcome.COMPLETED);
        assertThat(done.state().history().get(0).signer()).isEqualTo(ALICE.id().hex());
        assertThat(done.state().serving()).isEqualTo(V2);
        RolloutDecision later = w.tick();
        assertThat(later.state()).as("completed is final").isEqualTo(done.state());
        assertThat(later.instances()).isEqualTo(done.instances());
    }

    @Test
    void blueStopsOnlyWithGreenAtFullCountAndCompletedStaysFinal() {
        // the switch was latched from a view that still counted the green instances of an agent that had just died
        World w = greenReady(MANUAL);
        w.tick();
        w.command(ALICE, h -> RolloutCommands.promote(w.view(), APP, h, ""));
        w.tick();
        assertThat(w.tick().phase()).isEqualTo(Phase.SCALING_DOWN);
        w.healthy(V2, false);
        w.tick(); // the world follows: green's instances are no longer Ready
        w.advance(UpdateStrategy.DEFAULT_SCALE_DOWN_DELAY_MS);
        RolloutDecision short_ = w.tick();
        assertThat(short_.phase()).as("not completed while green is short: " + short_.state().reason()).isNotEqualTo(Phase.COMPLETED);
        assertThat(short_.instances()).as("blue keeps running").containsEntry(V1, 3).containsEntry(V2, 3);
        assertThat(short_.split().weights()).as("and serves while green is short").containsOnlyKeys(V1);

        w.healthy(V2, true);
        w.tick();
        RolloutDecision done = w.tick();
        assertThat(done.phase()).isEqualTo(Phase.COMPLETED);
        assertThat(done.instances()).isEqualTo(Map.of(V2, 3));

        // once completed, a green instance lost later is the placement's to replace, never a reason to start blue again
        w.healthy(V2, false);
        w.tick();
        RolloutDecision later = w.tick();
        assertThat(later.phase()).isEqualTo(Phase.COMPLETED);
        assertThat(later.instances()).isEqualTo(Map.of(V2, 3));
        assertThat(later.split()).isEqualTo(TrafficSplit.all(V2));
    }

    @Test
    void autoPromoteAfterPromotesOnceTheDelayHasPassedWithHealthyPreviewTraffic() {
        World w = greenReady(UpdateStrategy.blueGreen(30_000L));
        RolloutDecision waiting = w.tick();
        assertThat(waiting.phase()).isEqualTo(Phase.WAITING_FOR_PROMOTE);
        assertThat(waiting.state().reason()).contains("promotes itself in 30s");
        w.advance(30_000);
        w.traffic(V2, 50, 0);
        assertThat(w.tick().phase()).isEqualTo(Phase.WAITING_FOR_SWITCH_BARRIER);
    }

    @Test
    void noPreviewTrafficHoldsAutoPromotionWithAReason() {
        World w = greenReady(UpdateStrategy.blueGreen(30_000L));
        w.tick();
        w.advance(30_000);
        RolloutDecision held = w.tick();
        assertThat(held.phase()).isEqualTo(Phase.NO_DATA_HOLD);
        assertThat(held.state().reason()).contains("no data", "min_requests 20", "on_no_data: hold");
        assertThat(held.split()).isEqualTo(TrafficSplit.all(V1).withPreview(V2));
        w.command(ALICE, h -> RolloutCommands.promote(w.view(), APP, h, "checked by hand"));
        assertThat(w.tick().phase()).as("an operator's promote passes a no-data hold").isEqualTo(Phase.WAITING_FOR_SWITCH_BARRIER);
    }

    @Test
    void noDataPromotesWhenToldTo() {
        World w = greenReady(UpdateStrategy.blueGreen(30_000L).withOnNoData(NoDataAction.PROMOTE));
        w.tick();
        w.advance(30_000);
        assertThat(w.tick().phase()).isEqualTo(Phase.WAITING_FOR_SWITCH_BARRIER);
    }

    @Test
    void noDataAbortsWhenToldTo() {
        World w = greenReady(UpdateStrategy.blueGreen(30_000L).withOnNoData(NoDataAction.ABORT));
        w.tick();
        w.advance(30_000);
        RolloutDecision aborted = w.tick();
        assertThat(aborted.phase()).isEqualTo(Phase.ABORTED);
        assertThat(aborted.state().reason()).contains("no data", "on_no_data: abort");
        assertThat(aborted.split()).isEqualTo(TrafficSplit.all(V1));
    }

    @Test
    void aV2ThatNeverBecomesReadyAbortsAtTheProgressDeadline() {
        World w = World.running(3);
        w.start(V2, MANUAL.withProgressDeadlineMs(60_000L));
        assertThat(w.tick().phase()).isEqualTo(Phase.PROGRESSING);
        w.advance(60_000);
        assertThat(w.tick().phase()).as("at the deadline, not yet past it").isEqualTo(Phase.PROGRESSING);
        w.advance(1);
        RolloutDecision aborted = w.tick();
        assertThat(aborted.phase()).isEqualTo(Phase.ABORTED);
        assertThat(aborted.state().reason()).contains("preview: 0 of 3 instances", "progress_deadline 1m");
        assertThat(aborted.split()).as("all traffic back to stable, no preview").isEqualTo(TrafficSplit.all(V1));
        assertThat(aborted.state().history().get(0).outcome()).isEqualTo(Outcome.ABORTED);

        RolloutDecision stopped = w.tick();
        assertThat(stopped.phase()).isEqualTo(Phase.ABORTED);
        assertThat(stopped.instances()).as("green stops once every edge routes blue").isEqualTo(Map.of(V1, 3));
        w.healthy(V2, true);
        w.tick();
        assertThat(w.tick().phase()).as("an abort is latched: a late Ready does not bring it back").isEqualTo(Phase.ABORTED);
    }

    @Test
    void aFailingGreenAbortsAfterPromotionWhileBlueStillRuns() {
        World w = greenReady(MANUAL);
        w.tick();
        w.command(ALICE, h -> RolloutCommands.promote(w.view(), APP, h, ""));
        w.tick();
        assertThat(w.tick().phase()).isEqualTo(Phase.SCALING_DOWN);
        w.advance(5_000);
        w.traffic(V2, 1000, 300);
        RolloutDecision aborted = w.tick();
        assertThat(aborted.phase()).isEqualTo(Phase.ABORTED);
        assertThat(aborted.state().reason()).contains("error rate 30.0% is over the threshold 5.0%");
        assertThat(aborted.split()).isEqualTo(TrafficSplit.all(V1));
        assertThat(aborted.instances()).containsEntry(V1, 3);
    }

    @Test
    void pauseStopsTheAutoPromotionAndTheDeadlineAndResumeRestartsThem() {
        World w = World.running(3);
        w.start(V2, UpdateStrategy.blueGreen(10_000L).withProgressDeadlineMs(20_000L));
        w.tick();
        w.command(ALICE, h -> RolloutCommands.pause(w.view(), APP, h, ""));
        w.advance(60_000);
        RolloutDecision paused = w.tick();
        assertThat(paused.phase()).isEqualTo(Phase.PAUSED);
        assertThat(paused.state().reason()).contains("paused");
        w.command(ALICE, h -> RolloutCommands.resume(w.view(), APP, h, ""));
        w.advance(15_000);
        assertThat(w.tick().phase()).as("the deadline counts from the resume").isEqualTo(Phase.PROGRESSING);
        w.advance(5_001);
        assertThat(w.tick().phase()).isEqualTo(Phase.ABORTED);
    }
}
