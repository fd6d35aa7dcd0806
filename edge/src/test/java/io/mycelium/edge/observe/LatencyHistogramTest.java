package io.mycelium.edge.observe;

import static org.assertj.core.api.Assertions.assertThat;

import io.mycelium.spore.time.ManualClock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class LatencyHistogramTest {

    @Test
    void quantilesAreWithinOneBucket() {
        LatencyHistogram h = new LatencyHistogram();
        for (int i = 1; i <= 1000; i++) {
            h.record(TimeUnit.MICROSECONDS.toNanos(i));
        }
        long[] counts = h.snapshot();
        assertThat(LatencyHistogram.quantile(counts, 0.5)).isBetween(400_000L, 625_000L);
        assertThat(LatencyHistogram.quantile(counts, 0.99)).isBetween(990_000L * 8 / 10, 990_000L * 125 / 100);
        assertThat(LatencyHistogram.quantile(new long[counts.length], 0.99)).isZero();
        assertThat(h.sumNanos()).isEqualTo(TimeUnit.MICROSECONDS.toNanos(500_500));
    }

    @Test
    void bucketsCoverTheRangeAndBoundariesAreInclusive() {
        assertThat(LatencyHistogram.bucket(0)).isZero();
        assertThat(LatencyHistogram.bucket(10_000)).isZero();
        assertThat(LatencyHistogram.bucket(10_001)).isEqualTo(1);
        assertThat(LatencyHistogram.bucket(Long.MAX_VALUE)).isEqualTo(LatencyHistogram.buckets() - 1);
        assertThat(LatencyHistogram.upperBound(LatencyHistogram.bucket(1_000_000))).isEqualTo(1_000_000);
    }

    @Test
    void concurrentRecordsAreAllCounted() throws Exception {
        LatencyHistogram h = new LatencyHistogram();
        int threads = 8;
        int each = 20_000;
        java.util.List<Thread> started = new java.util.ArrayList<>();
        for (int t = 0; t < threads; t++) {
            started.add(Thread.ofPlatform().start(() -> {
                for (int i = 0; i < each; i++) {
                    h.record(TimeUnit.MICROSECONDS.toNanos(100 + (i % 3) * 1000));
                }
            }));
        }
        for (Thread t : started) {
            t.join();
        }
        long[] counts = h.snapshot();
        long total = 0;
        for (long c : counts) {
            total += c;
        }
        assertThat(total).isEqualTo((long) threads * each);
        assertThat(counts[LatencyHistogram.bucket(TimeUnit.MICROSECONDS.toNanos(100))]).isGreaterThanOrEqualTo((long) threads * (each / 3));
        long perThreadSum = 0;
        for (int i = 0; i < each; i++) {
            perThreadSum += TimeUnit.MICROSECONDS.toNanos(100 + (i % 3) * 1000);
        }
        assertThat(h.sumNanos()).isEqualTo(perThreadSum * threads);
    }

    @Test
    void windowsAreDifferences() {
        long[] before = {1, 2, 3};
        long[] now = {4, 2, 5};
        assertThat(LatencyHistogram.minus(now, before)).containsExactly(3, 0, 2);
        assertThat(LatencyHistogram.minus(now, null)).containsExactly(4, 2, 5);
    }

    @Test
    void prometheusHistogramIsCumulative() {
        EdgeMetrics m = new EdgeMetrics();
        m.request("a", 200, TimeUnit.MICROSECONDS.toNanos(300));
        m.request("a", 503, TimeUnit.MILLISECONDS.toNanos(20));
        m.error("a", ErrorClass.NO_ENDPOINT);
        String text = m.prometheus();
        assertThat(text)
                .contains("mycelium_edge_request_duration_seconds_bucket{app=\"a\",le=\"2.5E-4\"} 0\n")
                .contains("mycelium_edge_request_duration_seconds_bucket{app=\"a\",le=\"5.0E-4\"} 1\n")
                .contains("mycelium_edge_request_duration_seconds_bucket{app=\"a\",le=\"0.025\"} 2\n")
                .contains("mycelium_edge_requests_total{app=\"a\",code=\"5xx\"} 1\n")
                .contains("mycelium_edge_errors_total{app=\"a\",class=\"no_endpoint\"} 1\n");
    }

    @Test
    void telemetryCoversOnlyTheLastWindow() {
        EdgeMetrics m = new EdgeMetrics();
        ManualClock clock = new ManualClock();
        java.util.List<java.util.List<AppLatency>> sink = new java.util.ArrayList<>();
        TelemetryPublisher p = new TelemetryPublisher(m, sink::add, clock);
        for (int i = 0; i < 99; i++) {
            m.request("a", 200, TimeUnit.MILLISECONDS.toNanos(1));
        }
        m.request("a", 200, TimeUnit.MILLISECONDS.toNanos(900));
        m.request(EdgeMetrics.NO_APP, 404, 1000);
        clock.advance(Duration.ofSeconds(10));
        java.util.List<AppLatency> w1 = p.publish();
        assertThat(w1).hasSize(1);
        assertThat(w1.get(0).requests()).isEqualTo(100);
        assertThat(w1.get(0).window()).hasSeconds(10);
        assertThat(w1.get(0).p50().toNanos()).isBetween(750_000L, 1_000_000L);
        assertThat(w1.get(0).p99().toMillis()).isBetween(1L, 1000L);
        m.request("a", 200, TimeUnit.MILLISECONDS.toNanos(2));
        clock.advance(Duration.ofSeconds(5));
        java.util.List<AppLatency> w2 = p.publish();
        assertThat(w2.get(0).requests()).isEqualTo(1);
        assertThat(w2.get(0).p99().toNanos()).isBetween(1_500_000L, 2_000_000L);
        assertThat(p.publish()).isEmpty();
        assertThat(sink).hasSize(2);
    }
}
