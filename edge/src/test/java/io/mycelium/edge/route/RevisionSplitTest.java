package io.mycelium.edge.route;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class RevisionSplitTest {
    private final RevisionSplit tenPercent = new RevisionSplit(new TreeMap<>(Map.of("blue", 90, "green", 10)), null);

    @Test
    void choosesByWeightAmongTheAvailableRevisions() {
        Set<String> both = Set.of("blue", "green");
        assertThat(tenPercent.choose(both, 0.0)).isEqualTo("blue");
        assertThat(tenPercent.choose(both, 0.899)).isEqualTo("blue");
        assertThat(tenPercent.choose(both, 0.9)).isEqualTo("green");
        assertThat(tenPercent.choose(both, 0.9999)).isEqualTo("green");
        int green = 0;
        for (int i = 0; i < 1000; i++) {
            green += "green".equals(tenPercent.choose(both, i / 1000.0)) ? 1 : 0;
        }
        assertThat(green).isEqualTo(100);
    }

    @Test
    void aRevisionWithoutReadyEndpointsGivesItsShareToTheOthersAndNothingWeightedIsNull() {
        assertThat(tenPercent.choose(Set.of("green"), 0.1)).isEqualTo("green");
        assertThat(tenPercent.choose(Set.of("other"), 0.5)).isNull();
        assertThat(RevisionSplit.ANY.choose(Set.of("blue"), 0.5)).isNull();
    }

    @Test
    void previewsReachThePreviewRevisionWithoutNormalWeight() {
        RevisionSplit preview = new RevisionSplit(new TreeMap<>(Map.of("blue", 100, "zero", 0)), "green");
        assertThat(preview.weights()).containsOnlyKeys("blue");
        assertThat(preview.routes("green")).isFalse();
        assertThat(preview.reaches("green")).isTrue();
        assertThat(RevisionSplit.ANY.routes("anything")).isTrue();
    }
}
