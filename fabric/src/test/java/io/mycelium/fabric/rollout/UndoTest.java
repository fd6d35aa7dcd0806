package io.mycelium.fabric.rollout;

import static io.mycelium.fabric.rollout.World.ALICE;
import static io.mycelium.fabric.rollout.World.APP;
import static io.mycelium.fabric.rollout.World.V1;
import static io.mycelium.fabric.rollout.World.V2;
import static io.mycelium.fabric.rollout.World.V3;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mycelium.fabric.model.RevisionEntry;
import io.mycelium.fabric.model.RevisionEntry.Outcome;
import io.mycelium.fabric.model.RolloutCommand;
import io.mycelium.fabric.model.UpdateStrategy;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class UndoTest {
    private static World promotedToV2() {
        World w = World.waitingForPromote(2);
        w.promote();
        w.tick();
        assertThat(w.tick().phase()).isEqualTo(Phase.SCALING_DOWN);
        return w;
    }

    /** Undo as `mesh rollout undo` will: the command, and the plan back on its target. */
    private static RolloutCommand undo(World w, Optional<io.mycelium.spore.digest.Digest> to) {
        RolloutCommand c = w.command(ALICE, h -> RolloutCommands.undo(w.view(), APP, to, ALICE.id(), h, ""));
        w.plan(w.plan().withDigest(c.target()));
        return c;
    }

    @Test
    void undoBeforeScaleDownSwitchesBackAtOnceToTheBlueThatStillRuns() {
        World w = promotedToV2();
        RolloutCommand c = undo(w, Optional.empty());
        assertThat(c.target()).isEqualTo(V1);
        assertThat(c.stable()).isEqualTo(V2);
        RolloutDecision back = w.tick();
        assertThat(back.split()).as("instant: v1 is Ready, so the first decision routes it").isEqualTo(TrafficSplit.all(V1));
        assertThat(back.phase()).isEqualTo(Phase.WAITING_FOR_SWITCH_BARRIER);
        assertThat(back.instances()).isEqualTo(Map.of(V1, 2, V2, 2));
        assertThat(w.tick().phase()).isEqualTo(Phase.SCALING_DOWN);
        w.advance(UpdateStrategy.DEFAULT_SCALE_DOWN_DELAY_MS);
        RolloutDecision done = w.tick();
        assertThat(done.phase()).isEqualTo(Phase.COMPLETED);
        assertThat(done.instances()).isEqualTo(Map.of(V1, 2));
        assertThat(done.state().history()).extracting(RevisionEntry::digest, RevisionEntry::outcome)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(V1, Outcome.COMPLETED), org.assertj.core.groups.Tuple.tuple(V2, Outcome.UNDONE),
                        org.assertj.core.groups.Tuple.tuple(V1, Outcome.COMPLETED));
    }

    @Test
    void undoAfterScaleDownStartsTheOldRevisionAgainBeforeSwitching() {
        World w = promotedToV2();
        w.advance(UpdateStrategy.DEFAULT_SCALE_DOWN_DELAY_MS);
        assertThat(w.tick().instances()).isEqualTo(Map.of(V2, 2));
        w.healthy(V1, false);
        undo(w, Optional.empty());
        RolloutDecision starting = w.tick();
        assertThat(starting.phase()).isEqualTo(Phase.PROGRESSING);
        assertThat(starting.split()).as("v2 keeps the traffic until v1 is Ready").isEqualTo(TrafficSplit.all(V2));
        assertThat(starting.instances()).isEqualTo(Map.of(V1, 2, V2, 2));
        w.healthy(V1, true);
        w.tick();
        assertThat(w.tick().split()).isEqualTo(TrafficSplit.all(V1));
    }

    @Test
    void undoToANamedKeptRevision() {
        World w = promotedToV2();
        w.advance(UpdateStrategy.DEFAULT_SCALE_DOWN_DELAY_MS);
        w.tick();
        w.healthy(V3, true);
        w.start(V3, UpdateStrategy.blueGreen(0L).withScaleDownDelayMs(0L).withAnalysis(UpdateStrategy.Analysis.OFF));
        for (int i = 0; i < 5; i++) {
            w.tick();
        }
        assertThat(w.decide().phase()).isEqualTo(Phase.COMPLETED);
        assertThat(RolloutCommands.undo(w.view(), APP, Optional.empty(), ALICE.id(), w.hlc(), "").target())
                .as("without --to: the previous revision").isEqualTo(V2);
        RolloutCommand toV1 = undo(w, Optional.of(V1));
        assertThat(toV1.target()).isEqualTo(V1);
        assertThat(toV1.stable()).isEqualTo(V3);
        assertThat(w.tick().instances()).isEqualTo(Map.of(V1, 2, V3, 2));
    }

    @Test
    void undoIsRefusedBeforePromotionAndForAnUnknownRevision() {
        World w = World.running(2);
        w.start(V2, UpdateStrategy.blueGreen(null));
        w.tick();
        assertThatThrownBy(() -> RolloutCommands.undo(w.view(), APP, Optional.empty(), ALICE.id(), w.hlc(), ""))
                .isInstanceOf(RolloutCommands.Refused.class).hasMessageContaining("not promoted yet: abort it instead (mesh rollout abort billing)");
        World p = promotedToV2();
        assertThatThrownBy(() -> RolloutCommands.undo(p.view(), APP, Optional.of(V3), ALICE.id(), p.hlc(), ""))
                .hasMessage(V3.shortForm() + " is not in the history of billing; see mesh rollout history billing");
        assertThat(List.of(p.decide().state().history().get(0).digest())).containsExactly(V2);
    }
}
