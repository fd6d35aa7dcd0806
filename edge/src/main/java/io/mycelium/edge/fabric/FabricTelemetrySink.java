package io.mycelium.edge.fabric;

import io.mycelium.edge.observe.AppLatency;
import io.mycelium.edge.observe.TelemetrySink;
import io.mycelium.fabric.Fabric;
import io.mycelium.fabric.model.Telemetry;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Publishes each window's per-app latency as this node's {@link Telemetry} record, with keys
 * {@code p99_ms.<app>}, {@code p90_ms.<app>}, {@code p50_ms.<app>} and {@code rps.<app>}. Apps
 * without traffic in a window keep their last figures until they have traffic again (the record
 * is replaced as a whole, so the last known values are carried over).
 */
public final class FabricTelemetrySink implements TelemetrySink {

    private final Consumer<Object> publisher;
    private final Map<String, Double> last = new HashMap<>();

    /** Publishes into {@code fabric} as this node's telemetry. */
    public FabricTelemetrySink(Fabric fabric) {
        this(fabric::publish);
    }

    /** Publishes through {@code publisher} (a fabric's {@code publish}). */
    public FabricTelemetrySink(Consumer<Object> publisher) {
        this.publisher = Objects.requireNonNull(publisher, "publisher");
    }

    @Override
    public synchronized void publish(List<AppLatency> latencies) {
        for (AppLatency l : latencies) {
            last.put("p99_ms." + l.app(), millis(l.p99().toNanos()));
            last.put("p90_ms." + l.app(), millis(l.p90().toNanos()));
            last.put("p50_ms." + l.app(), millis(l.p50().toNanos()));
            double seconds = Math.max(1e-9, l.window().toNanos() / 1e9);
            last.put("rps." + l.app(), l.requests() / seconds);
        }
        publisher.accept(new Telemetry(Map.copyOf(last)));
    }

    private static double millis(long nanos) {
        return Math.round(nanos / 1e3) / 1e3;
    }
}
