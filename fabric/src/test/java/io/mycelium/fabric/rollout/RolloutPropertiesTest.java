package io.mycelium.fabric.rollout;

import static io.mycelium.fabric.rollout.World.ALICE;
import static io.mycelium.fabric.rollout.World.APP;
import static io.mycelium.fabric.rollout.World.BOB;
import static io.mycelium.fabric.rollout.World.V1;
import static io.mycelium.fabric.rollout.World.V2;
import static org.assertj.core.api.Assertions.assertThat;

import io.mycelium.fabric.ClusterView;
import io.mycelium.fabric.model.UpdateStrategy;
import io.mycelium.fabric.model.UpdateStrategy.CanaryStep;
import io.mycelium.fabric.state.FabricRecord;
import io.mycelium.spore.digest.Digest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Random walks of operators, health, traffic and lagging edges: the decision stays pure and safe, and a cooperative world always ends it. */
class RolloutPropertiesTest {
    private static final List<UpdateStrategy> STRATEGIES = List.of(
            UpdateStrategy.blueGreen(null),
            UpdateStrategy.blueGreen(20_000L).withProgressDeadlineMs(120_000L),
            UpdateStrategy.canary(List.of(new CanaryStep(10, 20_000L), new CanaryStep(50, null))),
            UpdateStrategy.canary(List.of(new CanaryStep(25, 10_000L))).withOnNoData(UpdateStrategy.NoDataAction.PROMOTE),
            UpdateStrategy.rolling(1, 1, 5_000),
            UpdateStrategy.rolling(0, 1, 0).withOnNoData(UpdateStrategy.NoDataAction.ABORT));

    @Provide
    Arbitrary<List<Integer>> walks() {
        return Arbitraries.integers().between(0, 13).list().ofMinSize(1).ofMaxSize(40);
    }

    @Property(tries = 150)
    void theDecisionIsPureSafeAndEnds(@ForAll("walks") List<Integer> walk, @ForAll("strategies") UpdateStrategy strategy) {
        World w = World.running(3);
        w.start(V2, strategy);
        for (int move : walk) {
            act(w, move);
            check(w);
            w.tick();
        }
        w.lagging("e2", false);
        w.inFlight("e2", V1, 0);
        w.healthy(V2, true);
        for (int i = 0; i < 40 && !w.decide().phase().settled(); i++) {
            RolloutDecision d = w.decide();
            if (d.phase() == Phase.PAUSED) {
                tryCommand(w, h -> RolloutCommands.resume(w.view(), APP, h, ""));
            } else if (d.phase() == Phase.WAITING_FOR_PROMOTE || d.phase() == Phase.NO_DATA_HOLD) {
                tryCommand(w, h -> RolloutCommands.promote(w.view(), APP, h, ""));
            }
            w.advance(20_000);
            w.traffic(w.decide().state().desired(), 50, 0);
            check(w);
            w.tick();
        }
        RolloutDecision end = w.decide();
        assertThat(end.phase().settled()).as("ends: %s", end.state().reason()).isTrue();
        assertThat(end.split().weights()).as("one active revision at the end").hasSize(1);
    }

    @Provide
    Arbitrary<UpdateStrategy> strategies() {
        return Arbitraries.of(STRATEGIES);
    }

    private static void act(World w, int move) {
        switch (move) {
            case 0, 1, 2 -> w.advance(5_000L * move + 1);
            case 3 -> w.healthy(V2, true);
            case 4 -> w.healthy(V2, false);
            case 5 -> w.traffic(V2, 40, 0);
            case 6 -> w.traffic(V2, 40, 20);
            case 7 -> w.lagging("e2", true);
            case 8 -> w.inFlight("e2", V1, 2);
            case 9 -> {
                w.inFlight("e2", V1, 0);
                w.lagging("e2", false);
            }
            case 10 -> tryCommand(w, h -> RolloutCommands.promote(w.view(), APP, h, ""));
            case 11 -> tryCommand(w, h -> RolloutCommands.pause(w.view(), APP, h, ""));
            case 12 -> tryCommand(w, h -> RolloutCommands.resume(w.view(), APP, h, ""));
            default -> tryCommand(w, h -> RolloutCommands.abort(w.view(), APP, h, ""));
        }
    }

    private static void tryCommand(World w, java.util.function.Function<Long, io.mycelium.fabric.model.RolloutCommand> how) {
        try {
            w.command(w.now() % 2 == 0 ? ALICE : BOB, how);
        } catch (RolloutCommands.Refused refused) {
            assertThat(refused.getMessage()).isNotBlank();
        }
    }

    private static void check(World w) {
        RolloutDecision d = w.decide();
        List<FabricRecord> reversed = new ArrayList<>(w.all());
        Collections.reverse(reversed);
        ClusterView again = new ClusterView("e1", w.now(), w.memberMap().values(), reversed);
        Optional<RolloutDecision> elsewhere = Rollouts.next(again, APP, Instant.ofEpochMilli(w.now()));
        assertThat(elsewhere).as("same view, same decision, on any node").contains(d);
        for (Digest routed : d.split().weights().keySet()) {
            assertThat(d.instancesOf(routed)).as("%s routed but not kept (%s)", routed.shortForm(), d.state().reason()).isPositive();
        }
        if (d.split().preview() != null) {
            assertThat(d.instancesOf(d.split().preview())).isPositive();
        }
        if (d.state().strategy().kind() != UpdateStrategy.Kind.ROLLING) {
            // Rolling scales the old revision down as new instances become Ready; if those then fail, nothing is left (as in any rolling update).
            assertThat(d.split().weights()).as("never no revision at all: %s", d.state().reason()).isNotEmpty();
        }
        if (d.phase() == Phase.COMPLETED) {
            assertThat(d.instances()).containsOnlyKeys(d.state().desired());
        }
        if (d.phase() == Phase.ABORTED) {
            assertThat(d.split()).isEqualTo(TrafficSplit.all(V1));
        }
    }
}
