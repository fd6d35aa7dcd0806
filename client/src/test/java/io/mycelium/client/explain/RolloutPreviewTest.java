package io.mycelium.client.explain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.mycelium.client.testing.ViewBuilder;
import io.mycelium.fabric.ClusterView;
import io.mycelium.fabric.model.Budget;
import io.mycelium.fabric.model.Plan;
import io.mycelium.fabric.model.UpdateStrategy;
import io.mycelium.fabric.rollout.RolloutCommands;
import io.mycelium.spore.digest.Digest;
import io.mycelium.spore.key.KeyId;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** What a rollout would cost while both revisions run, and whether its first step's instances would be placed. */
class RolloutPreviewTest {
    private static final Digest V1 = Digest.of("v1".getBytes(StandardCharsets.UTF_8));
    private static final Digest V2 = Digest.of("v2".getBytes(StandardCharsets.UTF_8));
    /** At the default price a 250 m / 256 MiB instance costs 0.25 x 3.6 + 0.256 = 1.156 credits an hour at full use. */
    private static final double ONE = 1.156;
    private static final Plan SHOP = Plan.of("shop", V1, 2).withNutrients(250, 256);

    private static RolloutPreview.Preview preview(ClusterView view, Plan next) {
        return RolloutPreview.of(view, next, RolloutCommands.start(view, "shop", next.digest(), "2.0.0",
                KeyId.ofRawPublicKey(new byte[32]), 1_000L << 16, "preview"));
    }

    private static ViewBuilder threeAgents() {
        return new ViewBuilder("console").agent("a").agent("b").agent("c").plan(SHOP, 1);
    }

    @Test
    void blueGreenCostsBothRevisionsAtFullCountWhileTheyRun() {
        RolloutPreview.Preview p = preview(threeAgents().build(), SHOP.withDigest(V2).withStrategy(UpdateStrategy.blueGreen(null)));
        assertThat(p.stable()).isEqualTo(V1);
        assertThat(p.peakInstances()).isEqualTo(4);
        assertThat(p.peakPerHour()).isCloseTo(4 * ONE, within(1e-9));
        assertThat(p.nowPerHour()).isCloseTo(2 * ONE, within(1e-9));
        assertThat(p.afterPerHour()).isCloseTo(2 * ONE, within(1e-9));
        assertThat(p.runsAsAsked()).isTrue();
        assertThat(p.summary()).startsWith("this rollout will cost ~4.62 credits/h while both revisions run (4 instances; now 2.31/h, after 2.31/h)");
    }

    @Test
    void rollingCostsTheSurgeOnly() {
        RolloutPreview.Preview p = preview(threeAgents().build(), SHOP.withDigest(V2).withStrategy(UpdateStrategy.rolling(1, 0, 0)));
        assertThat(p.peakInstances()).isEqualTo(3);
        assertThat(p.peakPerHour()).isCloseTo(3 * ONE, within(1e-9));
    }

    @Test
    void aBiggerRevisionIsPricedAtItsOwnNutrients() {
        Plan next = SHOP.withDigest(V2).withNutrients(500, 512).withStrategy(UpdateStrategy.blueGreen(null));
        RolloutPreview.Preview p = preview(threeAgents().build(), next);
        assertThat(p.peakPerHour()).isCloseTo(2 * ONE + 2 * 2 * ONE, within(1e-9));
        assertThat(p.afterPerHour()).isCloseTo(2 * 2 * ONE, within(1e-9));
    }

    @Test
    void greenInstancesThatDoNotFitAreNamedBeforeTheRolloutStarts() {
        // one agent of 2000 cpu_milli: blue's two 800 m instances leave room for no 800 m green one
        Plan big = SHOP.withNutrients(800, 256);
        ClusterView view = new ViewBuilder("console").agent("a").plan(big, 1).build();
        RolloutPreview.Preview p = preview(view, big.withDigest(V2).withStrategy(UpdateStrategy.blueGreen(null)));
        assertThat(p.runsAsAsked()).isFalse();
        assertThat(p.refusals()).singleElement().asString().contains("needs cpu_milli=800");
        assertThat(p.summary()).contains("would not run: needs cpu_milli=800");
    }

    @Test
    void theBalanceIsSetAgainstThePeak() {
        ClusterView view = threeAgents().budget(new Budget("shop", 100, 1, 1, 4, 0, 0), 1).build();
        RolloutPreview.Preview p = preview(view, SHOP.withDigest(V2).withStrategy(UpdateStrategy.blueGreen(null)));
        assertThat(p.hoursToEmpty()).isCloseTo(100 / (4 * ONE - 1), within(1e-9));
        assertThat(p.summary()).contains("; the balance of 100.00 lasts 27.6h at that rate");
    }
}
