package io.mycelium.agent.metrics;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One value of a collected family.
 *
 * @param labels label names to values (printed sorted by name)
 * @param value  the value
 */
public record Sample(Map<String, String> labels, double value) {
    public Sample {
        Objects.requireNonNull(labels, "labels");
        labels.keySet().forEach(MetricRegistry::checkLabelName);
        labels = java.util.Collections.unmodifiableMap(new TreeMap<>(labels));
    }

    public static Sample of(double value) {
        return new Sample(Map.of(), value);
    }

    public static Sample of(String label, String labelValue, double value) {
        return new Sample(Map.of(label, labelValue), value);
    }
}
