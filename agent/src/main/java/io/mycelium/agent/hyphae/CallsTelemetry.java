package io.mycelium.agent.hyphae;

import io.mycelium.edge.observe.AppLatency;
import io.mycelium.edge.observe.TelemetrySink;
import io.mycelium.fabric.model.Telemetry;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Publishes what this node's workloads called through its hyphae router in the last window as the
 * node's telemetry: {@link Telemetry#CALLS_RPS}{@code <app>} (calls per second) and
 * {@link Telemetry#CALLS_P99_MS}{@code <app>}, for the consoles' graph of app-to-app traffic. A
 * window without calls publishes once that the calls stopped, then nothing until they start again.
 * Called from the router's telemetry thread only.
 */
final class CallsTelemetry implements TelemetrySink {
    private final Consumer<Object> publisher;
    private Map<String, Double> last = Map.of();

    CallsTelemetry(Consumer<Object> publisher) {
        this.publisher = Objects.requireNonNull(publisher, "publisher");
    }

    @Override
    public void publish(List<AppLatency> latencies) {
        Map<String, Double> metrics = new TreeMap<>();
        for (AppLatency l : latencies) {
            double seconds = Math.max(1e-9, l.window().toNanos() / 1e9);
            metrics.put(Telemetry.CALLS_RPS + l.app(), Math.round(l.requests() / seconds * 100) / 100.0);
            metrics.put(Telemetry.CALLS_P99_MS + l.app(), Math.round(l.p99().toNanos() / 1e3) / 1e3);
        }
        if (metrics.isEmpty() && last.isEmpty()) {
            return;
        }
        last = Map.copyOf(metrics);
        publisher.accept(new Telemetry(metrics));
    }
}
