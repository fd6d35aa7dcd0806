package io.mycelium.client.explain;

import static org.assertj.core.api.Assertions.assertThat;

import io.mycelium.fabric.ClusterView;
import io.mycelium.fabric.model.RecordKind;
import java.nio.file.Files;
import io.mycelium.fabric.model.InstanceRecord;
import io.mycelium.fabric.placement.SlotId;
import io.mycelium.fabric.update.SlotInstance;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The ledger and autoscaler simulation ({@link LedgerSimulation}) checked at 100-200 nodes in the normal
 * build; the 1,000-node run that gives docs/BENCHMARKS.md its figures is tagged {@code benchmark}.
 */
class LedgerSimulationTest {
    @Test
    void everyNodeSumsTheExactSpendAfterAPartitionHealsAndNeverMore() {
        LedgerSimulation.Convergence c = LedgerSimulation.usageConvergence(100, 10_000, true, 20, 3);
        assertThat(c.overcounts()).as("a node summed more than had been counted").isZero();
        assertThat(c.convergedMaxMs()).as("every node reached the exact total").isBetween(0L, 30_000L);
        assertThat(c.checkedViews()).isEqualTo(20);
        assertThat(c.totalMicro()).isPositive();
    }

    @Test
    void aP99OverTheSloGetsNewInstancesRoutedWithinTenSecondsAndOnlyThreeAgentsPublish() {
        LedgerSimulation.ScaleOut s = LedgerSimulation.scaleOut(200, 1_500, 40, 1);
        assertThat(s.newInstances()).as("ceil(2 x 700 / 300) = 5: three new").isEqualTo(3);
        assertThat(s.lastRoutedMs()).as("every new instance routed").isPositive().isLessThan(10_000);
        assertThat(s.telemetryMs()).isLessThanOrEqualTo(s.decisionMs());
        assertThat(s.decisionMs()).isLessThanOrEqualTo(s.seenByNodeMs());
        assertThat(s.firstReadyMs() - s.seenByNodeMs()).as("the pass, then the start").isGreaterThanOrEqualTo(1_540);
        assertThat(s.publishers()).isEqualTo(3);
        assertThat(s.scaleRecords()).as("an edge holds the publishers' decisions only").isEqualTo(3);
    }

    @Test
    void oneAgentsDecisionsOnAThousandNodeViewAllPlace() {
        LedgerSimulation.DecisionTimes d = LedgerSimulation.decisionTimes(LedgerSimulation.syntheticView(1_000, 20, 20, 3), 1);
        assertThat(d.placed()).isEqualTo(20 * 20);
        assertThat(d.scaleRecords()).isEqualTo(60);
    }

    @Test
    void aSettledViewKeepsEverySlotWhereItRuns() {
        ClusterView fresh = LedgerSimulation.syntheticView(300, 20, 20, 3);
        ClusterView settled = LedgerSimulation.withInstancesRunning(fresh);
        assertThat(settled.records(RecordKind.INSTANCE)).hasSize(20 * 20);
        assertThat(SlotPlacement.place(settled).placement()).isEqualTo(SlotPlacement.place(fresh).placement());
        // an agent that knows its own instances (rather than its records) decides as the console does
        String me = LedgerSimulation.agent(7);
        Map<SlotId, List<SlotInstance>> mine = new TreeMap<>();
        for (InstanceRecord r : settled.instancesOn(me)) {
            mine.computeIfAbsent(new SlotId(r.app(), r.slot()), k -> new ArrayList<>()).add(new SlotInstance(r.instanceId(), me, r.digest(), r.state()));
        }
        assertThat(mine).isNotEmpty();
        assertThat(SlotPlacement.place(settled, me, mine).placement()).isEqualTo(SlotPlacement.place(settled).placement());
    }

    @Test
    @Tag("benchmark")
    void thousandNodes() throws Exception {
        String report = LedgerSimulation.report(1_000, 5, 1_500, 6_000);
        System.out.println(report);
        Files.writeString(Files.createDirectories(Path.of("target")).resolve("ledger-simulation.md"), report);
        assertThat(report).doesNotContain("| -1 |");
    }
}
