package io.mycelium.agent.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MetricRegistryTest {
    @Test
    void sameNameAndLabelsGiveTheSameMetric() {
        MetricRegistry r = new MetricRegistry();
        r.counter("jobs_total", "Jobs.", "kind", "a").inc();
        r.counter("jobs_total", "Jobs.", "kind", "a").add(2);
        r.counter("jobs_total", "Jobs.", "kind", "b").inc();
        assertThat(r.scrape()).isEqualTo("""
                # HELP jobs_total Jobs.
                # TYPE jobs_total counter
                jobs_total{kind="a"} 3
                jobs_total{kind="b"} 1
                """);
    }

    @Test
    void histogramBucketsAreCumulativeWithInfSumAndCount() {
        MetricRegistry r = new MetricRegistry();
        Histogram h = r.histogram("latency_seconds", "Latency.", new double[] {0.1, 1});
        h.observe(0.05);
        h.observe(0.5);
        h.observe(7);
        assertThat(r.scrape()).contains("latency_seconds_bucket{le=\"0.1\"} 1\n", "latency_seconds_bucket{le=\"1\"} 2\n",
                "latency_seconds_bucket{le=\"+Inf\"} 3\n", "latency_seconds_sum 7.55\n", "latency_seconds_count 3\n");
    }

    @Test
    void gaugesGoBothWaysAndLabelValuesAreEscaped() {
        MetricRegistry r = new MetricRegistry();
        Gauge g = r.gauge("queue", "Queue \\ length\nnow.", "path", "a\"b\\c\nd");
        g.set(5);
        g.add(-7.5);
        assertThat(r.scrape()).isEqualTo("""
                # HELP queue Queue \\\\ length\\nnow.
                # TYPE queue gauge
                queue{path="a\\"b\\\\c\\nd"} -2.5
                """);
    }

    @Test
    void collectorsRunAtScrapeTimeAndAFailingOneIsSkipped() {
        MetricRegistry r = new MetricRegistry();
        int[] calls = {0};
        r.collector(() -> List.of(new CollectedFamily("calls", "Calls.", MetricType.GAUGE, List.of(Sample.of(++calls[0])))));
        r.collector(() -> {
            throw new IllegalStateException("broken");
        });
        assertThat(r.scrape()).contains("calls 1\n");
        assertThat(r.scrape()).contains("calls 2\n");
    }

    @Test
    void badNamesAndMisuseAreRefused() {
        MetricRegistry r = new MetricRegistry();
        assertThatThrownBy(() -> r.counter("9lives", "x")).hasMessageContaining("metric name '9lives'");
        assertThatThrownBy(() -> r.counter("ok", "x", "__reserved", "v")).hasMessageContaining("label name");
        assertThatThrownBy(() -> r.counter("ok", "x", "odd")).hasMessageContaining("pairs");
        r.counter("twice", "x");
        assertThatThrownBy(() -> r.gauge("twice", "x")).hasMessageContaining("already a counter");
        assertThatThrownBy(() -> r.counter("neg", "x").add(-1)).hasMessageContaining("only grows");
        assertThatThrownBy(() -> r.histogram("h", "x", new double[] {2, 1})).hasMessageContaining("increase");
        assertThatThrownBy(() -> new Sample(Map.of("bad-label", "v"), 1)).hasMessageContaining("label name");
        assertThat(MetricRegistry.number(Double.NaN)).isEqualTo("NaN");
        assertThat(MetricRegistry.number(Double.POSITIVE_INFINITY)).isEqualTo("+Inf");
        assertThat(MetricRegistry.number(3)).isEqualTo("3");
    }
}
