package io.mycelium.fabric.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import io.mycelium.fabric.ledger.Admission.Admitted;
import io.mycelium.fabric.ledger.Admission.Ask;
import io.mycelium.fabric.model.Budget;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AdmissionTest {
    private static Budget budget(String app, int min, int max, int priority) {
        return new Budget(app, 100, 0, min, max, priority, 0);
    }

    @Test
    void anAppThatCanPayGetsWhatItAsksWithinItsBudget() {
        Map<String, Admitted> out = Admission.decide(List.of(
                new Ask("shop", 3, 100, 64, budget("shop", 1, 5, 0), 10),
                new Ask("big", 9, 100, 64, budget("big", 1, 4, 0), 10)), 100_000, 100_000);
        assertThat(out.get("shop")).isEqualTo(new Admitted("shop", 3, 3, ""));
        assertThat(out.get("big").admitted()).isEqualTo(4);
        assertThat(out.get("big").reason()).isEqualTo("the budget's max is 4");
    }

    @Test
    void anAppOutOfCreditsDropsToItsMinWithTheReason() {
        Admitted d = Admission.decide(List.of(new Ask("shop", 3, 100, 64, budget("shop", 1, 5, 0), -0.25)), 100_000, 100_000).get("shop");
        assertThat(d.admitted()).isEqualTo(1);
        assertThat(d.reason()).isEqualTo("out of credits (balance -0.25): scaled to the budget's min 1 of 3; "
                + "top up with mesh budget topup shop CREDITS");
    }

    @Test
    void whenCapacityIsShortTheLowerPriorityYields() {
        Map<String, Admitted> out = Admission.decide(List.of(
                new Ask("batch", 4, 500, 64, budget("batch", 0, 4, -1), 10),
                new Ask("web", 3, 500, 64, budget("web", 1, 3, 5), 10),
                new Ask("free", 2, 0, 0, null, 0)), 2000, 100_000);
        assertThat(out.get("web").admitted()).isEqualTo(3);
        assertThat(out.get("free").admitted()).isEqualTo(2);
        assertThat(out.get("batch").admitted()).isEqualTo(1);
        assertThat(out.get("batch").reason()).startsWith("capacity short: 1 of 4 fit (priority -1 yields to higher priorities; 500 cpu_milli");
    }

    @Test
    void amongEqualPrioritiesAdmissionTrimsNothing() {
        Map<String, Admitted> out = Admission.decide(List.of(
                new Ask("a", 4, 1000, 0, null, 0), new Ask("b", 4, 1000, 0, null, 0)), 2000, 0);
        assertThat(out.values()).allSatisfy(d -> assertThat(d.trimmed()).isFalse());
    }

    @Test
    void theBudgetsMinRaisesASmallerPlan() {
        Admitted d = Admission.decide(List.of(new Ask("shop", 1, 0, 0, budget("shop", 2, 5, 0), 1)), 0, 0).get("shop");
        assertThat(d.admitted()).isEqualTo(2);
        assertThat(d.trimmed()).isFalse();
    }

    @Test
    void capacityIsPackedPerNodeNotAgainstTheClusterTotal() {
        List<Admission.Room> nodes = List.of(new Admission.Room("a1", 1000, 1024), new Admission.Room("a2", 1000, 1024));
        List<Ask> asks = List.of(
                new Ask("web", 2, 600, 64, budget("web", 1, 2, 5), 10),
                new Ask("batch", 2, 700, 64, budget("batch", 0, 2, 0), 10));
        Admitted batch = Admission.decide(asks, nodes).get("batch");
        // 800 millicores are left in all, but 400 on each node: no 700-millicore instance fits anywhere
        assertThat(batch.admitted()).isZero();
        assertThat(batch.reason()).startsWith("capacity short: 0 of 2 fit (priority 0 yields to higher priorities; 800 cpu_milli")
                .endsWith("on 2 node(s))");
        assertThat(Admission.decide(asks, 2000, 2048).get("batch").admitted()).as("the same capacity on one node holds one").isEqualTo(1);
        assertThat(Admission.decide(asks, nodes).get("web").admitted()).isEqualTo(2);
    }

    @Test
    void memoryAndCpuMustFitOnTheSameNode() {
        List<Admission.Room> nodes = List.of(new Admission.Room("cpu-rich", 4000, 128), new Admission.Room("mem-rich", 500, 8192));
        Admitted d = Admission.decide(List.of(new Ask("top", 0, 0, 0, budget("top", 0, 1, 9), 1),
                new Ask("db", 3, 1000, 1024, budget("db", 0, 3, 0), 10)), nodes).get("db");
        assertThat(d.admitted()).isZero();
    }
}
