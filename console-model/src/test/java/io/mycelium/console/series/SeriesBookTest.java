package io.mycelium.console.series;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SeriesBookTest {
    @Test
    void oneSamplePerStepTheNewestWinsAndMissedStepsAreZero() {
        SeriesBook book = new SeriesBook(4, 1000);
        book.add("rps/a", 10_000, 1);
        book.add("rps/a", 10_500, 2);
        book.add("rps/a", 11_000, 3);
        book.add("rps/a", 13_200, 5);
        assertThat(book.get("rps/a").values()).containsExactly(2.0, 3.0, 0.0, 5.0);
        book.add("rps/a", 14_000, 6);
        assertThat(book.get("rps/a").values()).containsExactly(3.0, 0.0, 5.0, 6.0);
        assertThat(book.get("rps/a").lastAtMs()).isEqualTo(14_000);
        assertThat(book.get("nothing")).isEqualTo(Series.EMPTY);
    }
}
