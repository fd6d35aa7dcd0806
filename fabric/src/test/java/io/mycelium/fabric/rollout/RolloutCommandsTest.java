package io.mycelium.fabric.rollout;

import static io.mycelium.fabric.rollout.World.ALICE;
import static io.mycelium.fabric.rollout.World.APP;
import static io.mycelium.fabric.rollout.World.V1;
import static io.mycelium.fabric.rollout.World.V2;
import static io.mycelium.fabric.rollout.World.V3;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mycelium.fabric.model.RevisionEntry.Outcome;
import io.mycelium.fabric.model.RolloutCommand;
import io.mycelium.fabric.model.UpdateStrategy;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RolloutCommandsTest {
    @Test
    void aPromoteForAnAppWithoutARolloutIsRefusedWithWhatToDo() {
        World w = World.running(2);
        assertThatThrownBy(() -> RolloutCommands.promote(w.view(), APP, w.hlc(), ""))
                .isInstanceOf(RolloutCommands.Refused.class)
                .hasMessage("billing has no rollout: nothing to promote (start one with mesh rollout start billing)");
        assertThatThrownBy(() -> RolloutCommands.abort(w.view(), "nothing", w.hlc(), "")).hasMessageContaining("nothing has no rollout");
    }

    @Test
    void commandsAfterTheEndAreRefused() {
        World w = World.running(2);
        w.start(V2, UpdateStrategy.blueGreen(null));
        w.command(ALICE, h -> RolloutCommands.abort(w.view(), APP, h, ""));
        w.tick();
        assertThatThrownBy(() -> RolloutCommands.promote(w.view(), APP, w.hlc(), ""))
                .hasMessageContaining("has ended (aborted): nothing to promote");
        assertThatThrownBy(() -> RolloutCommands.start(w.view(), APP, V1, "1", ALICE.id(), w.hlc(), ""))
                .hasMessage("billing already serves " + V1.shortForm() + ": nothing to roll out");
    }

    @Test
    void pauseTwiceAndResumeWithoutPauseAreRefused() {
        World w = World.running(2);
        w.start(V2, UpdateStrategy.blueGreen(null));
        assertThatThrownBy(() -> RolloutCommands.resume(w.view(), APP, w.hlc(), "")).hasMessageContaining("is not paused");
        w.command(ALICE, h -> RolloutCommands.pause(w.view(), APP, h, ""));
        assertThatThrownBy(() -> RolloutCommands.pause(w.view(), APP, w.hlc(), "")).hasMessageContaining("already paused");
    }

    @Test
    void startCarriesTheServingRevisionAndEndsThePreviousHistoryEntry() {
        World w = World.running(2);
        RolloutCommand first = w.start(V2, UpdateStrategy.blueGreen(null));
        assertThat(first.stable()).isEqualTo(V1);
        assertThat(first.history()).extracting(e -> e.digest() + " " + e.outcome())
                .containsExactly(V2 + " IN_PROGRESS", V1 + " COMPLETED");
        w.tick();
        RolloutCommand second = w.start(V3, UpdateStrategy.blueGreen(null));
        assertThat(second.stable()).as("v2 never took traffic: the next rollout starts from v1").isEqualTo(V1);
        assertThat(second.history()).extracting(e -> e.digest() + " " + e.outcome())
                .containsExactly(V3 + " IN_PROGRESS", V2 + " SUPERSEDED", V1 + " COMPLETED");
        assertThat(w.tick().instances()).isEqualTo(Map.of(V1, 2, V3, 2));
    }

    @Test
    void aPlanThatNamesARevisionNoRolloutTargetsWaitsForAStartAndKeepsServing() {
        World w = World.running(2);
        w.healthy(V2, true);
        w.start(V2, UpdateStrategy.blueGreen(0L).withScaleDownDelayMs(0L).withAnalysis(UpdateStrategy.Analysis.OFF));
        for (int i = 0; i < 5; i++) {
            w.tick();
        }
        w.plan(w.plan().withDigest(V3));
        RolloutDecision d = w.tick();
        assertThat(d.phase()).isEqualTo(Phase.WAITING_FOR_START);
        assertThat(d.state().reason()).startsWith("the plan names " + V3.shortForm() + " but no rollout to it was started: mesh rollout start billing --digest " + V3);
        assertThat(d.instances()).isEqualTo(Map.of(V2, 2));
        assertThat(d.split()).isEqualTo(TrafficSplit.all(V2));
        assertThat(d.state().history().get(0).outcome()).isEqualTo(Outcome.COMPLETED);
    }

    @Test
    void aSurgePlanIsNotSteeredEvenWithARolloutRecord() {
        World w = World.running(2);
        w.start(V2, UpdateStrategy.blueGreen(null));
        w.plan(w.plan().withStrategy(UpdateStrategy.DEFAULT));
        RolloutDecision d = w.tick();
        assertThat(d.state().rollout()).isZero();
        assertThat(d.instances()).isEqualTo(Map.of(V2, 2));
        assertThat(d.split().weights()).as("surge keeps routing every Ready endpoint until the planned digest has one")
                .isEqualTo(Map.of(V1, 2));
        assertThat(d.phase()).isEqualTo(Phase.COMPLETED);
    }
}
