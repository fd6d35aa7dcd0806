package io.mycelium.fabric.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * What a node measures: free-form numeric metrics, e.g. {@code "p99_ms.billing" -> 12.5} from an
 * edge, and per-revision traffic windows ({@link RevisionTraffic}) that rollout analysis reads.
 * {@code revisions} is left out of the JSON when empty, so telemetry without it encodes as before.
 */
public record Telemetry(Map<String, Double> metrics, @JsonInclude(JsonInclude.Include.NON_EMPTY) List<RevisionTraffic> revisions) {
    /**
     * Metric prefixes of an agent's hyphae router: its workloads' calls to {@code <app>} per second
     * and their p99 (ms) over the last window; a console draws them as app-to-app traffic.
     */
    public static final String CALLS_RPS = "calls_rps.";
    public static final String CALLS_P99_MS = "calls_p99_ms.";

    private static final Comparator<RevisionTraffic> ORDER = Comparator.comparing(RevisionTraffic::app)
            .thenComparing(RevisionTraffic::digest).thenComparingLong(RevisionTraffic::windowEndMs);

    public Telemetry(Map<String, Double> metrics) {
        this(metrics, List.of());
    }

    public Telemetry {
        metrics = metrics == null ? Map.of() : Map.copyOf(metrics);
        revisions = revisions == null ? List.of() : revisions.stream().sorted(ORDER).toList();
    }
}
