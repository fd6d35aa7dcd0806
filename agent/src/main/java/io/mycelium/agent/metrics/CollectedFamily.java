package io.mycelium.agent.metrics;

import java.util.List;
import java.util.Objects;

/**
 * A counter or gauge family computed at scrape time by a collector.
 *
 * @param name    the metric name
 * @param help    one line saying what it counts
 * @param type    counter or gauge
 * @param samples its values
 */
public record CollectedFamily(String name, String help, MetricType type, List<Sample> samples) {
    public CollectedFamily {
        MetricRegistry.checkName(name);
        Objects.requireNonNull(help, "help");
        Objects.requireNonNull(type, "type");
        if (type == MetricType.HISTOGRAM) {
            throw new IllegalArgumentException("metric " + name + ": collectors give counters and gauges, not histograms");
        }
        samples = List.copyOf(samples);
    }
}
