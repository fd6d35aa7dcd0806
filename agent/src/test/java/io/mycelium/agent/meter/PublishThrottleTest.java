package io.mycelium.agent.meter;

import static org.assertj.core.api.Assertions.assertThat;

import io.mycelium.fabric.model.Usage;
import java.util.List;
import org.junit.jupiter.api.Test;

class PublishThrottleTest {
    private static Usage u(long micro, double burn, int instances) {
        return new Usage("shop", micro, micro, micro, burn, instances, 0);
    }

    @Test
    void aSteadyAppIsPublishedEveryTenSecondsNotEveryTick() {
        PublishThrottle t = new PublishThrottle();
        assertThat(t.due(List.of(u(1, 1.0, 2)), 0)).as("the first").hasSize(1);
        int published = 0;
        for (long now = 2_000; now <= 60_000; now += 2_000) {
            published += t.due(List.of(u(now, 1.05, 2)), now).size();
        }
        assertThat(published).as("30 ticks over 60 s").isEqualTo(6);
    }

    @Test
    void aChangedInstanceCountOrBurnRateGoesOutAtOnce() {
        PublishThrottle t = new PublishThrottle();
        t.due(List.of(u(1, 1.0, 2)), 0);
        assertThat(t.due(List.of(u(2, 1.0, 3)), 2_000)).as("one more instance").hasSize(1);
        assertThat(t.due(List.of(u(3, 1.1, 3)), 4_000)).as("burn +10%").isEmpty();
        assertThat(t.due(List.of(u(4, 1.5, 3)), 6_000)).as("burn +50%").hasSize(1);
        assertThat(t.due(List.of(u(5, 0.0, 0)), 8_000)).as("the last instance gone").singleElement()
                .extracting(Usage::microCredits).isEqualTo(5L);
    }
}
