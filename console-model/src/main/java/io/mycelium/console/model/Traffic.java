package io.mycelium.console.model;

import io.mycelium.fabric.ClusterMember;
import io.mycelium.fabric.ClusterView;
import io.mycelium.fabric.model.Telemetry;
import java.util.Map;
import java.util.TreeMap;

/**
 * An app's traffic at the edges, from their telemetry ({@code rps.<app>} summed over live
 * members, {@code p99_ms.<app>} the worst of them).
 */
record Traffic(double rps, double p99Ms) {
    static final Traffic NONE = new Traffic(0, -1);

    static Map<String, Traffic> byApp(ClusterView view) {
        Map<String, Traffic> out = new TreeMap<>();
        for (ClusterMember m : view.liveMembers()) {
            Map<String, Double> metrics = view.telemetry(m.id()).map(Telemetry::metrics).orElse(Map.of());
            metrics.forEach((name, value) -> {
                if (name.startsWith("rps.")) {
                    out.merge(name.substring(4), new Traffic(value, -1), (a, b) -> new Traffic(a.rps + b.rps, Math.max(a.p99Ms, b.p99Ms)));
                } else if (name.startsWith("p99_ms.")) {
                    out.merge(name.substring(7), new Traffic(0, value), (a, b) -> new Traffic(a.rps + b.rps, Math.max(a.p99Ms, b.p99Ms)));
                }
            });
        }
        return out;
    }
}
