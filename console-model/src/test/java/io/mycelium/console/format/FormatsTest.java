package io.mycelium.console.format;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class FormatsTest {
    @Test
    void agesInTheirLargestWholeUnit() {
        assertThat(List.of(Formats.age(-1), Formats.age(999), Formats.age(45_000), Formats.age(180_000), Formats.age(7_200_000),
                Formats.age(4 * 86_400_000L))).containsExactly("-", "0s", "45s", "3m", "2h", "4d");
    }

    @Test
    void ratesAndLatencies() {
        assertThat(List.of(Formats.rate(0), Formats.rate(4.25), Formats.rate(87.4), Formats.rate(1320)))
                .containsExactly("0/s", "4.3/s", "87/s", "1.3k/s");
        assertThat(List.of(Formats.millis(-1), Formats.millis(0.84), Formats.millis(12.4), Formats.millis(1400)))
                .containsExactly("-", "0.8ms", "12ms", "1.4s");
        assertThat(Formats.percent(1, 4)).isEqualTo("25%");
        assertThat(Formats.percent(1, 0)).isEqualTo("-");
    }

    @Test
    void sparklineScalesToTheCeilingAndPadsOnTheLeft() {
        assertThat(Formats.sparkline(List.of(0.0, 50.0, 100.0), 5, 100)).isEqualTo("  ▁▅█");
        assertThat(Formats.sparkline(List.of(1.0, 2.0, 4.0, 8.0), 3, 0)).isEqualTo("▃▅█");
        assertThat(Formats.sparkline(List.of(200.0), 1, 100)).isEqualTo("█");
        assertThat(Formats.fit("instances", 5)).isEqualTo("inst…");
    }
}
