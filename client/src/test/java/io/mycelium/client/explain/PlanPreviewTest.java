package io.mycelium.client.explain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.mycelium.client.testing.ViewBuilder;
import io.mycelium.fabric.ClusterView;
import io.mycelium.fabric.model.Budget;
import io.mycelium.fabric.model.Plan;
import io.mycelium.fabric.model.Usage;
import io.mycelium.spore.digest.Digest;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** A plan's cost and admission before it is applied, from the same placement function the agents run. */
class PlanPreviewTest {
    private static final Digest V1 = Digest.of("v1".getBytes(StandardCharsets.UTF_8));
    /** At the default price a 250 m / 256 MiB instance costs 0.25 x 3.6 + 0.256 = 1.156 credits an hour at full use. */
    private static final Plan SHOP = Plan.of("shop", V1, 2).withNutrients(250, 256);

    private static ViewBuilder cluster(Budget budget) {
        ViewBuilder v = new ViewBuilder("console").agent("a").agent("b").agent("c").plan(SHOP, 1);
        return budget == null ? v : v.budget(budget, 1);
    }

    @Test
    void scalingUpShowsTheNewCostBesideTheCurrentOneAndWhenTheBalanceRunsOut() {
        PlanPreview.Preview p = PlanPreview.of(cluster(new Budget("shop", 100, 0, 1, 4, 0, 0)).build(), SHOP.withInstances(3));
        assertThat(p.runsAsAsked()).isTrue();
        assertThat(p.placed()).isEqualTo(3);
        assertThat(p.costPerHourMax()).isCloseTo(3 * 1.156, within(1e-9));
        assertThat(p.currentCostPerHour()).isCloseTo(2 * 1.156, within(1e-9));
        assertThat(p.hoursToEmpty()).isCloseTo(100 / (3 * 1.156), within(1e-9));
        assertThat(p.budget().max()).isEqualTo(4);
    }

    @Test
    void moreThanTheBudgetsMaxSaysHowManyWouldRunAndWhy() {
        PlanPreview.Preview p = PlanPreview.of(cluster(new Budget("shop", 100, 0, 1, 4, 0, 0)).build(), SHOP.withInstances(6));
        assertThat(p.runsAsAsked()).isFalse();
        assertThat(p.admitted()).isEqualTo(4);
        assertThat(p.placed()).isEqualTo(4);
        assertThat(p.refusals()).containsExactly("the budget's max is 4");
        assertThat(p.costPerHourMax()).as("only what would run is charged").isCloseTo(4 * 1.156, within(1e-9));
    }

    @Test
    void anAppOutOfCreditsWouldRunOnlyItsMin() {
        ClusterView v = cluster(new Budget("shop", 1, 0, 1, 4, 0, 0)).usage("a", new Usage("shop", 0, 0, 2_000_000, 1, 2, 0)).build();
        PlanPreview.Preview p = PlanPreview.of(v, SHOP.withInstances(3));
        assertThat(p.placed()).isEqualTo(1);
        assertThat(p.refusals()).singleElement().asString().startsWith("out of credits (balance -1.00)").contains("mesh budget topup shop");
        assertThat(p.hoursToEmpty()).isZero();
    }

    @Test
    void nutrientsLargerThanAnyNodeAreNamed() {
        PlanPreview.Preview p = PlanPreview.of(cluster(null).build(), SHOP.withNutrients(5_000, 256));
        assertThat(p.placed()).isZero();
        assertThat(p.refusals()).singleElement().asString().contains("needs cpu_milli=5000");
        assertThat(p.budget()).isNull();
        assertThat(p.hoursToEmpty()).isNull();
    }

    @Test
    void aRateThatDoesNotCoverTheCostIsANoteAndARateThatDoesNeverEmpties() {
        PlanPreview.Preview short_ = PlanPreview.of(cluster(new Budget("shop", 10, 1, 1, 4, 0, 0)).build(), SHOP.withInstances(2));
        assertThat(short_.notes()).singleElement().asString().startsWith("at full use it costs 1.31 credits/h more than the budget's rate of 1.00/h");
        PlanPreview.Preview covered = PlanPreview.of(cluster(new Budget("shop", 10, 5, 1, 4, 0, 0)).build(), SHOP.withInstances(2));
        assertThat(covered.hoursToEmpty()).isNull();
        assertThat(covered.notes()).isEmpty();
    }

    @Test
    void aNewAppCostsNothingNow() {
        PlanPreview.Preview p = PlanPreview.of(new ViewBuilder("console").agent("a").build(), SHOP.withInstances(1));
        assertThat(p.currentCostPerHour()).isZero();
        assertThat(p.placed()).isEqualTo(1);
        assertThat(p.runsAsAsked()).isTrue();
    }
}
