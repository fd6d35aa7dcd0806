package io.mycelium.console.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.mycelium.client.explain.Explanation;
import io.mycelium.console.events.AuditEvent;
import io.mycelium.console.series.SeriesBook;
import io.mycelium.console.source.InMemorySource;
import io.mycelium.console.source.SimulatedCluster;
import io.mycelium.fabric.ClusterView;
import io.mycelium.fabric.membership.MemberStatus;
import io.mycelium.fabric.model.Capacity;
import io.mycelium.fabric.model.InstanceState;
import io.mycelium.fabric.model.Plan;
import io.mycelium.fabric.model.Role;
import io.mycelium.spore.key.SigningKey;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class SnapshotBuilderTest {
    private final AtomicLong clock = new AtomicLong(1_800_000_000_000L);
    private final SigningKey operator = SigningKey.generate();
    private final InMemorySource source = new InMemorySource("lab", clock::get, operator);
    private final SimulatedCluster cluster = new SimulatedCluster(source, operator, 6)
            .app("billing", "billing-v1", 4).app("frontend", "frontend-v1", 3).app("greeter", "greeter-v1", 2);
    private final RecordAges ages = new RecordAges();
    private final SeriesBook series = new SeriesBook(10, 1000);
    private final List<AuditEvent> events = List.of();
    private ClusterView view;

    private ClusterSnapshot build(SnapshotBuilder b) {
        view = source.view().sharingParsedWith(view);
        ages.observe(view, clock.get());
        return b.next(view, ages, clock.get(), series, Traffic.byApp(view), events, true, "op");
    }

    private ClusterSnapshot fromScratch() {
        return SnapshotBuilder.once("lab", view, ages, clock.get(), series, Traffic.byApp(view), events, true, "op");
    }

    @Test
    void everyIncrementalSnapshotEqualsOneBuiltFromScratchOverRandomChanges() {
        SnapshotBuilder incremental = new SnapshotBuilder("lab", 0);
        Random random = new Random(20261207);
        build(incremental);
        for (int step = 0; step < 300; step++) {
            change(random, step);
            if (random.nextInt(4) == 0) {
                clock.addAndGet(1000);
            }
            ClusterSnapshot built = build(incremental);
            assertThat(built).as("step %d", step).isEqualTo(fromScratch());
        }
    }

    /** One random change of the kinds a fabric brings: an instance's state, one gone or new, a member lost or back, a plan, traffic, capacity. */
    private void change(Random random, int step) {
        String app = List.of("billing", "frontend", "greeter").get(random.nextInt(3));
        String node = SimulatedCluster.agent(1 + random.nextInt(6));
        switch (random.nextInt(7)) {
            case 0, 1 -> cluster.instance(node, app, random.nextInt(4), app + "-v1",
                    InstanceState.values()[random.nextInt(InstanceState.values().length)], random.nextInt(5));
            case 2 -> source.remove(node, app + "-" + random.nextInt(4) + "-v1");
            case 3 -> source.member(node, Role.AGENT, random.nextBoolean() ? MemberStatus.ALIVE : MemberStatus.DEAD);
            case 4 -> cluster.plan(Plan.of(app, SimulatedCluster.digest(app + "-v1"), 1 + random.nextInt(5)).withNutrients(250, 128));
            case 5 -> cluster.traffic(Map.of(app, (double) random.nextInt(200)), Map.of(app, (double) random.nextInt(90)));
            default -> source.publish(node, new Capacity(4000, 4000 - 250 * random.nextInt(8), 8192, 8192 - 128 * random.nextInt(8)));
        }
    }

    @Test
    void oneInstanceChangeRebuildsItsRowAloneAndKeepsEveryOtherRowObject() {
        SnapshotBuilder b = new SnapshotBuilder("lab", 0);
        ClusterSnapshot before = build(b);
        cluster.instance("agent-1", "billing", 0, "billing-v1", InstanceState.FAILED, 1);
        ClusterSnapshot after = build(b);

        assertThat(b.rebuiltRows()).isEqualTo(1);
        assertThat(after.instances()).isNotSameAs(before.instances()).hasSameSizeAs(before.instances());
        for (int i = 0; i < after.instances().size(); i++) {
            InstanceRow row = after.instances().get(i);
            if (row.id().equals("billing-0-v1")) {
                assertThat(row.state()).isEqualTo("FAILED");
                assertThat(row.restarts()).isEqualTo(1);
            } else {
                assertThat(row).isSameAs(before.instances().get(i));
            }
        }
        assertThat(after.nodes()).filteredOn(n -> !n.id().equals("agent-1"))
                .allSatisfy(n -> assertThat(n).isSameAs(before.nodes().stream().filter(m -> m.id().equals(n.id())).findFirst().orElseThrow()));
        assertThat(after.nodes().getFirst()).isNotSameAs(before.nodes().getFirst());
        assertThat(after.apps()).filteredOn(a -> !a.app().equals("billing"))
                .allSatisfy(a -> assertThat(a).isSameAs(before.apps().stream().filter(x -> x.app().equals(a.app())).findFirst().orElseThrow()));
        assertThat(after.apps().getFirst().failing()).isEqualTo(1);
    }

    @Test
    void aViewWithNothingNewGivesTheSameRowsAndListsBack() {
        SnapshotBuilder b = new SnapshotBuilder("lab", 0);
        ClusterSnapshot before = build(b);
        clock.addAndGet(300);
        ClusterSnapshot after = build(b);

        assertThat(b.rebuiltRows()).isZero();
        assertThat(after.instances()).isSameAs(before.instances());
        assertThat(after.nodes()).isSameAs(before.nodes());
        assertThat(after.apps()).isSameAs(before.apps());
    }

    @Test
    void aRowsAgeTurningASecondRebuildsThatRowOnly() {
        SnapshotBuilder b = new SnapshotBuilder("lab", 0);
        build(b);
        clock.addAndGet(400);
        cluster.instance("agent-6", "frontend", 1, "frontend-v1", InstanceState.READY, 0);
        build(b);
        clock.addAndGet(700);
        ClusterSnapshot s = build(b);

        assertThat(b.rebuiltRows()).as("every row turned 1 s old but the one published 700 ms ago").isEqualTo(s.instances().size() - 1);
        assertThat(s.instances()).filteredOn(i -> i.id().equals("frontend-1-v1")).singleElement()
                .satisfies(i -> assertThat(i.ageMs()).isZero());
        assertThat(s.instances()).filteredOn(i -> !i.id().equals("frontend-1-v1")).allSatisfy(i -> assertThat(i.ageMs()).isEqualTo(1000));
    }

    @Test
    void decisionsWaitForTheirIntervalWhileRowsFollowEveryChange() {
        SnapshotBuilder b = new SnapshotBuilder("lab", 250);
        long t0 = clock.get();
        build(b);
        clock.addAndGet(100);
        cluster.instance("agent-1", "billing", 0, "billing-v1", InstanceState.FAILED, 2);
        ClusterSnapshot early = build(b);

        assertThat(early.instances()).filteredOn(i -> i.id().equals("billing-0-v1")).singleElement()
                .satisfies(i -> assertThat(i.state()).isEqualTo("FAILED"));
        assertThat(early.explanations()).as("placed at t0, before the failure").isEmpty();
        assertThat(b.decisionsDueAt()).isEqualTo(t0 + 250);

        clock.set(t0 + 250);
        ClusterSnapshot due = build(b);
        assertThat(due.explanations()).extracting(Explanation::app).contains("billing");
        assertThat(due).isEqualTo(fromScratch());
        assertThat(b.decisionsDueAt()).isEqualTo(Long.MAX_VALUE);

        clock.addAndGet(10);
        cluster.plan(Plan.of("billing", SimulatedCluster.digest("billing-v1"), 6).withNutrients(250, 128));
        ClusterSnapshot scaled = build(b);
        assertThat(scaled.explanations()).as("a plan is placed at once, inside the interval")
                .filteredOn(e -> e.app().equals("billing") && e.slot() >= 4).hasSize(2);
        assertThat(scaled).isEqualTo(fromScratch());
    }

    @Test
    void hyphaeCallsOfTheLiveAgentsRoutersAreInTheSnapshot() {
        cluster.calls("agent-5", Map.of("billing", 12.5, "greeter", 0.0));
        cluster.calls("agent-6", Map.of("frontend", 3.0));
        SnapshotBuilder b = new SnapshotBuilder("lab", 0);
        ClusterSnapshot s = build(b);
        assertThat(s.calls()).containsExactly(new CallRow("lab", "agent-5", "billing", 12.5, -1), new CallRow("lab", "agent-6", "frontend", 3.0, -1));
        source.member("agent-6", Role.AGENT, MemberStatus.DEAD);
        assertThat(build(b).calls()).as("a node not seen calls nothing").extracting(CallRow::node).containsExactly("agent-5");
    }

    @Test
    void shareKeepsEqualRowsAndTheWholeListWhenNothingChanged() {
        List<String> previous = List.of(new String("a"), new String("b"));
        List<String> same = SnapshotBuilder.share(List.of("a", "b"), previous, s -> s);
        List<String> oneMore = SnapshotBuilder.share(List.of("a", "b", "c"), previous, s -> s);

        assertThat(same).isSameAs(previous);
        assertThat(oneMore).containsExactly("a", "b", "c");
        assertThat(oneMore.get(0)).isSameAs(previous.get(0));
        assertThat(oneMore).isNotSameAs(previous);
    }
}
