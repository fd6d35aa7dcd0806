package io.mycelium.fabric.rollout;

import static io.mycelium.fabric.rollout.World.ALICE;
import static io.mycelium.fabric.rollout.World.APP;
import static io.mycelium.fabric.rollout.World.V1;
import static io.mycelium.fabric.rollout.World.V2;
import static org.assertj.core.api.Assertions.assertThat;

import io.mycelium.fabric.model.UpdateStrategy;
import io.mycelium.fabric.model.UpdateStrategy.CanaryStep;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CanaryRolloutTest {
    private static final UpdateStrategy TEN_FIFTY = UpdateStrategy.canary(List.of(new CanaryStep(10, 30_000L), new CanaryStep(50, 30_000L)));

    private static World started(UpdateStrategy s) {
        World w = World.running(4);
        w.healthy(V2, true);
        w.start(V2, s);
        return w;
    }

    @Test
    void walksEachWeightStepThenSwitchesAndCompletes() {
        World w = started(TEN_FIFTY);
        RolloutDecision scaling = w.tick();
        assertThat(scaling.state().stepName()).isEqualTo("canary 10%");
        assertThat(scaling.instances()).as("one canary instance for 10% of 4, stable at full count").isEqualTo(Map.of(V1, 4, V2, 1));
        assertThat(scaling.split().weights()).as("no weight to the canary before it is Ready").containsExactly(Map.entry(V1, 100));

        RolloutDecision ten = w.tick();
        assertThat(ten.phase()).isEqualTo(Phase.PROGRESSING);
        assertThat(ten.split().weights()).isEqualTo(Map.of(V1, 90, V2, 10));
        assertThat(ten.state().reason()).contains("held for 30s, 30s left");

        w.advance(29_000);
        w.traffic(V2, 100, 1);
        assertThat(w.tick().state().stepName()).isEqualTo("canary 10%");
        w.advance(1_000);
        RolloutDecision fifty = w.tick();
        assertThat(fifty.state().step()).isEqualTo(1);
        assertThat(fifty.state().stepStartedAtMs()).isEqualTo(w.now());
        assertThat(fifty.instances()).isEqualTo(Map.of(V1, 4, V2, 2));
        assertThat(fifty.split().weights()).as("the previous weight holds until the step's instances are Ready").isEqualTo(Map.of(V1, 90, V2, 10));
        assertThat(w.tick().split().weights()).isEqualTo(Map.of(V1, 50, V2, 50));

        w.advance(30_000);
        w.traffic(V2, 500, 2);
        RolloutDecision full = w.tick();
        assertThat(full.state().stepName()).isEqualTo("switch");
        assertThat(full.instances()).isEqualTo(Map.of(V1, 4, V2, 4));
        RolloutDecision switched = w.tick();
        assertThat(switched.phase()).isEqualTo(Phase.WAITING_FOR_SWITCH_BARRIER);
        assertThat(switched.split()).isEqualTo(TrafficSplit.all(V2));
        assertThat(w.tick().phase()).isEqualTo(Phase.SCALING_DOWN);
        w.advance(UpdateStrategy.DEFAULT_SCALE_DOWN_DELAY_MS);
        RolloutDecision done = w.tick();
        assertThat(done.phase()).isEqualTo(Phase.COMPLETED);
        assertThat(done.instances()).isEqualTo(Map.of(V2, 4));
    }

    /** The first canary step Ready, then {@code errors} in 100 requests per edge to v2. */
    private static RolloutDecision atTenPercentWith(UpdateStrategy s, long errors) {
        World w = started(s);
        w.tick();
        w.tick();
        w.advance(5_000);
        w.traffic(V2, 100, errors);
        return w.tick();
    }

    @Test
    void thirtyPercentErrorsAbortByAnalysis() {
        RolloutDecision aborted = atTenPercentWith(TEN_FIFTY, 30);
        assertThat(aborted.phase()).isEqualTo(Phase.ABORTED);
        assertThat(aborted.state().reason()).contains("analysis of " + V2.shortForm() + " at canary 10%", "error rate 30.0%", "60 errors in 200 requests");
        assertThat(aborted.split()).isEqualTo(TrafficSplit.all(V1));
        assertThat(aborted.analysis().outcome()).isEqualTo(Verdict.Outcome.FAIL);
        assertThat(aborted.instances()).as("the canary stops once every edge routes stable").isEqualTo(Map.of(V1, 4, V2, 1));
    }

    @Test
    void p99OverTheBudgetAbortsByAnalysis() {
        RolloutDecision aborted = atTenPercentWith(TEN_FIFTY.withAnalysis(UpdateStrategy.Analysis.DEFAULT.withP99BudgetMs(2)), 0);
        assertThat(aborted.phase()).isEqualTo(Phase.ABORTED);
        assertThat(aborted.state().reason()).contains("p99 5.0 ms is over the budget 2 ms");
    }

    @Test
    void noDataAtTheEndOfAHoldHoldsWithAVisibleReason() {
        World w = started(TEN_FIFTY);
        w.tick();
        w.tick();
        w.advance(30_000);
        RolloutDecision held = w.tick();
        assertThat(held.phase()).isEqualTo(Phase.NO_DATA_HOLD);
        assertThat(held.state().reason()).startsWith("canary 10%: no data: 0 requests");
        assertThat(held.split().weights()).isEqualTo(Map.of(V1, 90, V2, 10));
        w.traffic(V2, 40, 0);
        assertThat(w.tick().state().step()).as("data arriving lets it go on").isEqualTo(1);
    }

    @Test
    void aStepWithoutDurationWaitsForPromoteAndAStalePromoteCannotSkipTwo() {
        World w = started(UpdateStrategy.canary(List.of(new CanaryStep(20, null), new CanaryStep(60, null))));
        w.tick();
        assertThat(w.tick().phase()).isEqualTo(Phase.WAITING_FOR_PROMOTE);
        RolloutCommandsTestSupport.promoteTwiceFromTheSameView(w);
        w.tick();
        RolloutDecision second = w.tick();
        assertThat(second.state().step()).isEqualTo(1);
        assertThat(second.phase()).as("two promotes signed from the view of step 0 pass step 0 only").isEqualTo(Phase.WAITING_FOR_PROMOTE);
        w.command(ALICE, h -> RolloutCommands.promote(w.view(), APP, h, ""));
        assertThat(w.tick().state().stepName()).isEqualTo("switch");
    }
}
