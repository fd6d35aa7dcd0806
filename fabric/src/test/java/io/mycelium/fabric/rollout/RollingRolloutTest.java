package io.mycelium.fabric.rollout;

import static io.mycelium.fabric.rollout.World.V1;
import static io.mycelium.fabric.rollout.World.V2;
import static org.assertj.core.api.Assertions.assertThat;

import io.mycelium.fabric.model.UpdateStrategy;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RollingRolloutTest {
    @Test
    void replacesOneAtATimeWithinSurgeAndMinReady() {
        World w = World.running(3);
        w.healthy(V2, true);
        w.start(V2, UpdateStrategy.rolling(1, 0, 10_000));
        RolloutDecision first = w.tick();
        assertThat(first.state().stepName()).isEqualTo("batch 1 of 3");
        assertThat(first.instances()).as("one extra instance, none missing").isEqualTo(Map.of(V1, 3, V2, 1));
        assertThat(w.tick().state().reason()).contains("held for 10s");
        w.advance(10_000);
        w.traffic(V2, 30, 0);
        RolloutDecision second = w.tick();
        assertThat(second.state().stepName()).isEqualTo("batch 2 of 3");
        assertThat(second.instances()).isEqualTo(Map.of(V1, 2, V2, 2));
        RolloutDecision secondReady = w.tick();
        assertThat(secondReady.split().weights()).as("rolling splits by Ready endpoints").isEqualTo(Map.of(V1, 2, V2, 2));
        w.advance(10_000);
        w.traffic(V2, 30, 0);
        assertThat(w.tick().instances()).isEqualTo(Map.of(V1, 1, V2, 3));
        w.tick();
        w.advance(10_000);
        w.traffic(V2, 30, 0);
        RolloutDecision done = w.tick();
        assertThat(done.phase()).isEqualTo(Phase.COMPLETED);
        assertThat(done.instances()).isEqualTo(Map.of(V2, 3));
        w.advance(60_000);
        assertThat(w.tick().phase()).as("completion is latched: analysis without data later does not reopen it").isEqualTo(Phase.COMPLETED);
    }

    @Test
    void maxUnavailableReplacesWithoutExtraInstances() {
        World w = World.running(4);
        w.healthy(V2, true);
        w.start(V2, UpdateStrategy.rolling(0, 2, 0).withAnalysis(UpdateStrategy.Analysis.OFF));
        assertThat(w.tick().instances()).isEqualTo(Map.of(V1, 2, V2, 2));
        w.tick();
        assertThat(w.tick().instances()).isEqualTo(Map.of(V2, 4));
        assertThat(w.tick().phase()).isEqualTo(Phase.COMPLETED);
    }

    @Test
    void aBatchNeverReadyAbortsAtTheDeadlineAndStableComesBackToFullCount() {
        World w = World.running(3);
        w.start(V2, UpdateStrategy.rolling(1, 0, 0).withProgressDeadlineMs(1_000L));
        w.tick();
        w.advance(1_001);
        RolloutDecision aborted = w.tick();
        assertThat(aborted.phase()).isEqualTo(Phase.ABORTED);
        assertThat(aborted.state().reason()).contains("batch 1 of 3: 0 of 1 instances");
        assertThat(w.tick().instances()).isEqualTo(Map.of(V1, 3));
    }
}
