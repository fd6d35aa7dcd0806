package io.mycelium.console.fx;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ChartsPaneTest {
    @Test
    void theYAxisEndsAtARoundNumberAboveTheDataAndAFewRestartsStayAFewTicks() {
        assertThat(ChartsPane.nice(4 * 1.15)).as("4 restarts").isEqualTo(5);
        assertThat(ChartsPane.nice(120 * 1.15)).isEqualTo(200);
        assertThat(ChartsPane.nice(0.138 * 1.15)).isEqualTo(0.2);
        assertThat(ChartsPane.nice(1)).isEqualTo(1);
    }

    @Test
    void theXAxisSpansTheSamplesThereAreButAtLeastAMinuteAndAtMostFive() {
        assertThat(ChartsPane.span(1, 1000)).isEqualTo(60);
        assertThat(ChartsPane.span(95, 1000)).isEqualTo(100);
        assertThat(ChartsPane.span(300, 1000)).isEqualTo(300);
    }
}
