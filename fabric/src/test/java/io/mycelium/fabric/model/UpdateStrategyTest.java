package io.mycelium.fabric.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mycelium.fabric.model.UpdateStrategy.CanaryStep;
import io.mycelium.fabric.model.UpdateStrategy.Kind;
import java.util.List;
import org.junit.jupiter.api.Test;

class UpdateStrategyTest {
    private static UpdateStrategy of(Kind kind, Long autoPromote, Long scaleDown, List<CanaryStep> steps, Integer surge, Integer unavailable,
                                     Long minReady) {
        return new UpdateStrategy(kind, 1, 0, autoPromote, scaleDown, steps, surge, unavailable, minReady, null, null, null);
    }

    @Test
    void refusesRollingThatCanNeverReplaceAnInstance() {
        assertThatThrownBy(() -> UpdateStrategy.rolling(0, 0, 0))
                .hasMessageStartingWith("strategy rolling: max_surge=0 and max_unavailable=0 can never replace an instance");
    }

    @Test
    void refusesCanaryWeightsThatDoNotIncrease() {
        assertThatThrownBy(() -> UpdateStrategy.canary(List.of(new CanaryStep(50, 1000L), new CanaryStep(50, null))))
                .hasMessage("strategy canary: step weights must increase, but step 2 (50%) follows 50%");
        assertThatThrownBy(() -> UpdateStrategy.canary(List.of(new CanaryStep(60, null), new CanaryStep(20, null))))
                .hasMessageContaining("step 2 (20%) follows 60%");
        assertThatThrownBy(() -> new CanaryStep(0, null)).hasMessage("canary step weight 0 is not 1-100 (percent)");
        assertThatThrownBy(() -> new CanaryStep(101, null)).hasMessageContaining("101");
    }

    @Test
    void refusesAutoPromoteOnACanaryWithoutSteps() {
        assertThatThrownBy(() -> of(Kind.CANARY, 30_000L, null, List.of(), null, null, null))
                .hasMessageStartingWith("strategy canary: auto_promote_after_ms needs steps to promote");
    }

    @Test
    void refusesSettingsTheStrategyDoesNotUseNamingThem() {
        assertThatThrownBy(() -> of(Kind.ROLLING, 1000L, 5L, List.of(), 1, 0, null))
                .hasMessage("strategy rolling does not use auto_promote_after_ms, scale_down_delay_ms; remove them or choose a strategy that does");
        assertThatThrownBy(() -> of(Kind.BLUE_GREEN, null, null, List.of(new CanaryStep(10, null)), 2, null, null))
                .hasMessage("strategy blue-green does not use steps, max_surge; remove them or choose a strategy that does");
        assertThatThrownBy(() -> of(Kind.SURGE, null, null, List.of(), null, null, 100L))
                .hasMessageContaining("strategy surge does not use min_ready_ms; remove it");
    }

    @Test
    void refusesNegativeDurationsAndABadAnalysis() {
        assertThatThrownBy(() -> UpdateStrategy.blueGreen(-1L)).hasMessageContaining("auto_promote_after_ms must not be negative, got -1");
        assertThatThrownBy(() -> UpdateStrategy.blueGreen(null).withProgressDeadlineMs(0L)).hasMessageContaining("progress_deadline_ms must be at least 1");
        assertThatThrownBy(() -> new UpdateStrategy.Analysis(true, 1.5, 0, 1000, 1)).hasMessageContaining("max_error_rate 1.5 is not 0-1");
        assertThatThrownBy(() -> new UpdateStrategy.Analysis(true, 0.1, 0, 0, 1)).hasMessageContaining("window_ms must be at least 1");
    }

    @Test
    void appliesDefaultsAndKeepsTheOldMeaningOfBatchAndWarmup() {
        UpdateStrategy bg = UpdateStrategy.blueGreen(null);
        assertThat(bg.progressDeadline()).isEqualTo(600_000);
        assertThat(bg.scaleDownDelay()).isEqualTo(30_000);
        assertThat(bg.noDataAction()).isEqualTo(UpdateStrategy.NoDataAction.HOLD);
        assertThat(bg.analysisOrDefault()).isEqualTo(UpdateStrategy.Analysis.DEFAULT);
        UpdateStrategy oldRolling = new UpdateStrategy(Kind.ROLLING, 2, 5000);
        assertThat(oldRolling.surge()).isEqualTo(2);
        assertThat(oldRolling.unavailable()).isZero();
        assertThat(oldRolling.minReady()).isEqualTo(5000);
        assertThat(oldRolling.scaleDownDelay()).isZero();
        assertThat(UpdateStrategy.DEFAULT.managed()).isFalse();
        assertThat(Kind.BLUE_GREEN.flag()).isEqualTo("blue-green");
    }
}
