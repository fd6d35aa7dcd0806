package io.mycelium.fabric.rollout;

import static io.mycelium.fabric.rollout.World.ALICE;
import static io.mycelium.fabric.rollout.World.APP;
import static io.mycelium.fabric.rollout.World.BOB;
import static io.mycelium.fabric.rollout.World.V1;
import static org.assertj.core.api.Assertions.assertThat;

import io.mycelium.fabric.ClusterView;
import io.mycelium.fabric.model.RecordKind;
import io.mycelium.fabric.model.RolloutCommand;
import io.mycelium.fabric.state.FabricRecord;
import io.mycelium.fabric.state.MergeOutcome;
import io.mycelium.fabric.state.StateStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ConcurrentCommandsTest {
    /** A blue/green rollout waiting for promotion, with Alice's promote and Bob's abort signed from the same view at the same revision. */
    private static World waitingWithRacingCommands(List<FabricRecord> racing) {
        World w = World.waitingForPromote(2);
        assertThat(w.decide().phase()).isEqualTo(Phase.WAITING_FOR_PROMOTE);
        ClusterView seen = w.view();
        long h1 = w.hlc();
        racing.add(w.signed(ALICE, RolloutCommands.promote(seen, APP, h1, ""), h1));
        long h2 = w.hlc();
        racing.add(w.signed(BOB, RolloutCommands.abort(seen, APP, h2, ""), h2));
        return w;
    }

    @Test
    void aPromoteAndAnAbortResolveToOneOutcomeWhateverTheOrderOfArrival() {
        List<FabricRecord> racing = new ArrayList<>();
        World w = waitingWithRacingCommands(racing);
        List<FabricRecord> base = w.all();
        List<FabricRecord> messages = new ArrayList<>(base);
        messages.addAll(racing);
        messages.addAll(racing);
        Set<String> outcomes = new HashSet<>();
        Set<String> winners = new HashSet<>();
        for (List<FabricRecord> order : permutationsOf(messages)) {
            StateStore store = new StateStore(World.TRUST, true);
            for (FabricRecord r : order) {
                MergeOutcome o = store.offer(r, 0);
                assertThat(o.kind()).as("%s: %s", r.key(), o.reason())
                        .isNotIn(MergeOutcome.Kind.UNSIGNED, MergeOutcome.Kind.FORGED, MergeOutcome.Kind.MALFORMED);
            }
            ClusterView v = new ClusterView("a2", w.now(), w.memberMap().values(), store.all());
            RolloutDecision d = Rollouts.next(v, APP, Instant.ofEpochMilli(w.now())).orElseThrow();
            outcomes.add(d.phase() + " " + d.split() + " " + d.instances());
            winners.add(Rollouts.command(v, APP).map(RolloutCommand::action).orElseThrow().name());
        }
        assertThat(winners).as("the same command wins on every node").hasSize(1);
        assertThat(outcomes).as("the same decision on every node").hasSize(1);
        assertThat(winners).containsExactly("ABORT");
        assertThat(outcomes.iterator().next()).startsWith("ABORTED " + V1.shortForm() + " 100");
    }

    @Test
    void anOlderCommandReplayedIsRefusedAndChangesNothing() {
        List<FabricRecord> racing = new ArrayList<>();
        World w = waitingWithRacingCommands(racing);
        w.put(racing.get(0));
        w.tick();
        assertThat(w.tick().phase()).isEqualTo(Phase.SCALING_DOWN);
        FabricRecord oldPause = w.signed(ALICE, RolloutCommands.pause(w.view(), APP, w.hlc(), ""), w.hlc());
        w.command(BOB, h -> RolloutCommands.abort(w.view(), APP, h, "bad"));
        RolloutDecision aborted = w.tick();
        assertThat(aborted.phase()).isEqualTo(Phase.ABORTED);

        StateStore store = new StateStore(World.TRUST, true);
        w.all().forEach(r -> store.offer(r, 0));
        MergeOutcome replay = store.offer(racing.get(0), 0);
        assertThat(replay.kind()).isEqualTo(MergeOutcome.Kind.ROLLBACK);
        assertThat(store.offer(oldPause, 0).kind()).as("same revision as the winner, older hlc").isEqualTo(MergeOutcome.Kind.STALE);
        ClusterView v = new ClusterView("a1", w.now(), w.memberMap().values(), store.all());
        assertThat(Rollouts.next(v, APP, Instant.ofEpochMilli(w.now())).orElseThrow().state()).isEqualTo(w.decide().state());
        assertThat(v.record(io.mycelium.fabric.state.RecordKey.operator(RecordKind.ROLLOUT, APP)).orElseThrow().version().tiebreak())
                .isEqualTo(BOB.id().hex());
    }

    static List<List<FabricRecord>> permutationsOf(List<FabricRecord> all) {
        // Permuting only the racing tail (the last four) keeps this at 24 orders; the base records go first and last alike.
        List<FabricRecord> head = all.subList(0, all.size() - 4);
        List<List<FabricRecord>> out = new ArrayList<>();
        permute(new ArrayList<>(all.subList(all.size() - 4, all.size())), 0, head, out);
        for (List<FabricRecord> p : new ArrayList<>(out)) {
            List<FabricRecord> tailFirst = new ArrayList<>(p.subList(head.size(), p.size()));
            tailFirst.addAll(head);
            out.add(tailFirst);
        }
        return out;
    }

    private static void permute(List<FabricRecord> xs, int k, List<FabricRecord> head, List<List<FabricRecord>> out) {
        if (k == xs.size()) {
            List<FabricRecord> p = new ArrayList<>(head);
            p.addAll(xs);
            out.add(p);
            return;
        }
        for (int i = k; i < xs.size(); i++) {
            java.util.Collections.swap(xs, k, i);
            permute(xs, k + 1, head, out);
            java.util.Collections.swap(xs, k, i);
        }
    }
}
