package io.mycelium.agent.metrics;

/** The Prometheus metric types this registry prints. */
public enum MetricType {
    COUNTER, GAUGE, HISTOGRAM;

    String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
