package io.mycelium.console.model;

import io.mycelium.fabric.ClusterMember;
import io.mycelium.fabric.ClusterView;
import io.mycelium.fabric.model.Role;
import io.mycelium.fabric.model.Telemetry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * App-to-app traffic through the hyphae routers: the workloads on {@code node} call {@code app}
 * at {@code rps} requests per second (the node's router publishes {@code calls_rps.<app>} in its
 * telemetry, {@code calls_p99_ms.<app>} the p99 of those calls, -1 when unknown).
 */
public record CallRow(String cluster, String node, String app, double rps, double p99Ms) {
    /** The telemetry key prefix of a router's calls per target app. */
    public static final String RPS = Telemetry.CALLS_RPS;
    public static final String P99 = Telemetry.CALLS_P99_MS;

    public CallRow {
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(app, "app");
    }

    /** The calls the live agents' routers report, by node then app. */
    static List<CallRow> of(String cluster, ClusterView view) {
        List<CallRow> out = new ArrayList<>();
        for (ClusterMember m : view.liveMembers(Role.AGENT)) {
            Map<String, Double> metrics = view.telemetry(m.id()).map(Telemetry::metrics).orElse(Map.of());
            Map<String, Double> byApp = new TreeMap<>();
            metrics.forEach((k, v) -> {
                if (k.startsWith(RPS) && v > 0) {
                    byApp.put(k.substring(RPS.length()), v);
                }
            });
            byApp.forEach((app, rps) -> out.add(new CallRow(cluster, m.id(), app, rps, metrics.getOrDefault(P99 + app, -1.0))));
        }
        return out;
    }
}
