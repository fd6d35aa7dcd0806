package io.mycelium.fabric.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import io.mycelium.fabric.ledger.Admission.Admitted;
import io.mycelium.fabric.ledger.Admission.Ask;
import io.mycelium.fabric.model.Budget;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.LongRange;

/** Admission's rules hold for any mix of apps, budgets, balances and capacities. */
class AdmissionPropertyTest {
    @Provide
    Arbitrary<List<Ask>> asks() {
        Arbitrary<Budget> budget = Combinators.combine(Arbitraries.integers().between(0, 3), Arbitraries.integers().between(0, 6),
                Arbitraries.integers().between(-2, 2)).as((min, extra, prio) -> new Budget("x", 10, 0, min, min + extra, prio, 0));
        Arbitrary<Ask> ask = Combinators.combine(Arbitraries.integers().between(0, 8), Arbitraries.of(0L, 100L, 250L, 1000L),
                Arbitraries.of(0L, 64L, 512L), budget.injectNull(0.3), Arbitraries.of(-1.0, 0.0, 0.5, 100.0))
                .as((wanted, cpu, mem, b, balance) -> new Ask("?", wanted, cpu, mem, b, balance));
        return ask.list().ofMinSize(1).ofMaxSize(6).map(AdmissionPropertyTest::named);
    }

    private static List<Ask> named(List<Ask> in) {
        List<Ask> out = new ArrayList<>();
        for (int i = 0; i < in.size(); i++) {
            Ask a = in.get(i);
            String app = "app" + i;
            Budget b = a.budget() == null ? null
                    : new Budget(app, 10, 0, a.budget().min(), a.budget().max(), a.budget().priority(), 0);
            out.add(new Ask(app, a.wanted(), a.cpuMilli(), a.memoryMb(), b, a.balance()));
        }
        return out;
    }

    @Property(tries = 500)
    void budgetsBoundTheCountAndAnEmptyBalanceDropsToMin(@ForAll("asks") List<Ask> asks,
            @ForAll @LongRange(max = 8000) long cpu, @ForAll @LongRange(max = 4096) long mem) {
        Map<String, Admitted> out = Admission.decide(asks, cpu, mem);
        for (Ask a : asks) {
            Admitted d = out.get(a.app());
            assertThat(d.admitted()).isGreaterThanOrEqualTo(0);
            if (a.budget() == null) {
                assertThat(d.admitted()).isLessThanOrEqualTo(a.wanted());
            } else {
                assertThat(d.admitted()).isLessThanOrEqualTo(a.budget().max());
                if (a.balance() <= 0) {
                    assertThat(d.admitted()).isLessThanOrEqualTo(a.budget().min());
                }
            }
            if (d.admitted() != Math.max(a.wanted(), a.budget() == null ? 0 : a.budget().min())) {
                assertThat(d.reason()).as("%s admitted %d of %d", a.app(), d.admitted(), a.wanted()).isNotBlank();
            }
        }
    }

    @Property(tries = 500)
    void lowerPriorityYieldsFirst(@ForAll("asks") List<Ask> asks, @ForAll @LongRange(max = 8000) long cpu,
            @ForAll @LongRange(max = 4096) long mem) {
        Map<String, Admitted> out = Admission.decide(asks, cpu, mem);
        int top = asks.stream().mapToInt(AdmissionPropertyTest::priority).max().orElseThrow();
        long cpuUsed = 0;
        long memUsed = 0;
        for (Ask a : asks) {
            Admitted d = out.get(a.app());
            if (priority(a) == top) {
                assertThat(d.reason()).doesNotStartWith("capacity short");
            } else {
                cpuUsed += d.admitted() * a.cpuMilli();
                memUsed += d.admitted() * a.memoryMb();
            }
            if (d.reason().startsWith("capacity short")) {
                // one more instance would not have fitted beside what every app of its priority or higher keeps
                long cpuAbove = 0;
                long memAbove = 0;
                for (Ask other : asks) {
                    if (priority(other) >= priority(a)) {
                        cpuAbove += out.get(other.app()).admitted() * other.cpuMilli();
                        memAbove += out.get(other.app()).admitted() * other.memoryMb();
                    }
                }
                assertThat(cpuAbove + a.cpuMilli() > cpu || memAbove + a.memoryMb() > mem)
                        .as("%s was short but one more fits (cpu %d+%d of %d, mem %d+%d of %d)", a.app(), cpuAbove, a.cpuMilli(), cpu,
                                memAbove, a.memoryMb(), mem).isTrue();
            }
        }
        long topCpu = asks.stream().filter(a -> priority(a) == top).mapToLong(a -> out.get(a.app()).admitted() * a.cpuMilli()).sum();
        long topMem = asks.stream().filter(a -> priority(a) == top).mapToLong(a -> out.get(a.app()).admitted() * a.memoryMb()).sum();
        boolean anyLowerKept = asks.stream().anyMatch(a -> priority(a) < top && out.get(a.app()).admitted() > 0 && a.cpuMilli() + a.memoryMb() > 0);
        if (anyLowerKept) {
            // what the lower priorities keep fits beside the top priority in the cluster's totals
            assertThat(cpuUsed).isLessThanOrEqualTo(Math.max(0, cpu - topCpu));
            assertThat(memUsed).isLessThanOrEqualTo(Math.max(0, mem - topMem));
        }
    }

    @Property(tries = 200)
    void theOrderOfTheAsksDoesNotMatter(@ForAll("asks") List<Ask> asks, @ForAll long seed, @ForAll @LongRange(max = 8000) long cpu) {
        List<Ask> shuffled = new ArrayList<>(asks);
        Collections.shuffle(shuffled, new Random(seed));
        assertThat(Admission.decide(shuffled, cpu, 2048)).isEqualTo(Admission.decide(asks, cpu, 2048));
    }

    private static int priority(Ask a) {
        return a.budget() == null ? 0 : a.budget().priority();
    }
}
