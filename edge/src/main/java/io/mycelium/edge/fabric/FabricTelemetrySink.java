package io.mycelium.edge.fabric;

import io.mycelium.edge.observe.AppLatency;
import io.mycelium.edge.observe.RevisionLatency;
import io.mycelium.edge.observe.TelemetrySink;
import io.mycelium.fabric.Fabric;
import io.mycelium.fabric.model.RevisionTraffic;
import io.mycelium.fabric.model.Telemetry;
import io.mycelium.spore.digest.Digest;
import io.mycelium.spore.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Publishes each window's per-app latency as this node's {@link Telemetry} record, with keys
 * {@code p99_ms.<app>}, {@code p90_ms.<app>}, {@code p50_ms.<app>} and {@code rps.<app>}. Apps
 * without traffic in a window keep their last figures until they have traffic again (the record
 * is replaced as a whole, so the last known values are carried over). Per-revision windows
 * ({@link RevisionTraffic}, which the rollout analysis sums) are kept for {@link #KEEP_MS}, so a
 * record carries the recent windows and not only the last one.
 */
public final class FabricTelemetrySink implements TelemetrySink {

    /** How long a revision's window stays in the record (the analysis window's default is 30 s). */
    public static final long KEEP_MS = 60_000;

    private final Consumer<Object> publisher;
    private final Clock clock;
    private final Map<String, Double> last = new HashMap<>();
    private final ArrayDeque<RevisionTraffic> windows = new ArrayDeque<>();

    /** Publishes into {@code fabric} as this node's telemetry. */
    public FabricTelemetrySink(Fabric fabric) {
        this(fabric::publish, Clock.SYSTEM);
    }

    /** Publishes through {@code publisher} (a fabric's {@code publish}); windows end at {@code clock}'s time. */
    public FabricTelemetrySink(Consumer<Object> publisher, Clock clock) {
        this.publisher = Objects.requireNonNull(publisher, "publisher");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public synchronized void publish(List<AppLatency> latencies) {
        publish(latencies, List.of());
    }

    @Override
    public synchronized void publish(List<AppLatency> latencies, List<RevisionLatency> revisions) {
        long now = clock.millis();
        for (RevisionLatency r : revisions) {
            Digest d;
            try {
                d = Digest.parse(r.revision());
            } catch (IllegalArgumentException notADigest) {
                continue; // an endpoint not from the fabric; no rollout reads it
            }
            windows.addLast(new RevisionTraffic(r.app(), d, r.requests(), r.errors(), millis(r.p99().toNanos()), now, r.window().toMillis()));
        }
        while (!windows.isEmpty() && windows.peekFirst().windowEndMs() < now - KEEP_MS) {
            windows.removeFirst();
        }
        for (AppLatency l : latencies) {
            last.put("p99_ms." + l.app(), millis(l.p99().toNanos()));
            last.put("p90_ms." + l.app(), millis(l.p90().toNanos()));
            last.put("p50_ms." + l.app(), millis(l.p50().toNanos()));
            double seconds = Math.max(1e-9, l.window().toNanos() / 1e9);
            last.put("rps." + l.app(), l.requests() / seconds);
        }
        publisher.accept(new Telemetry(Map.copyOf(last), new ArrayList<>(windows)));
    }

    private static double millis(long nanos) {
        return Math.round(nanos / 1e3) / 1e3;
    }
}
