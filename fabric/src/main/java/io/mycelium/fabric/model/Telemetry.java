package io.mycelium.fabric.model;

import java.util.Map;

/** Free-form numeric metrics a node publishes, e.g. {@code "p99_ms.billing" -> 12.5} from an edge. */
public record Telemetry(Map<String, Double> metrics) {
    public Telemetry {
        metrics = metrics == null ? Map.of() : Map.copyOf(metrics);
    }
}
