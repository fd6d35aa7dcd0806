package io.mycelium.edge.observe;

import io.mycelium.spore.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Turns the histograms into per-window {@link AppLatency} figures and hands them to a {@link
 * TelemetrySink}. Each call to {@link #publish()} covers the requests since the previous call.
 * Called from one thread (the edge's telemetry loop, or a test).
 */
public final class TelemetryPublisher {

    private final EdgeMetrics metrics;
    private final TelemetrySink sink;
    private final Clock clock;
    private final Map<String, long[]> last = new HashMap<>();
    /** Per app and revision: the requests and errors counted, then the histogram, at the last call. */
    private final Map<String, long[]> lastCounts = new HashMap<>();
    private final Map<String, long[]> lastRevision = new HashMap<>();
    private long lastTick;

    public TelemetryPublisher(EdgeMetrics metrics, TelemetrySink sink, Clock clock) {
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.sink = Objects.requireNonNull(sink, "sink");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.lastTick = clock.nanoTime();
    }

    /** Publishes the figures of every known app with requests since the last call; returns them. */
    public synchronized List<AppLatency> publish() {
        long now = clock.nanoTime();
        Duration window = Duration.ofNanos(now - lastTick);
        lastTick = now;
        List<AppLatency> out = new ArrayList<>();
        for (String app : metrics.apps()) {
            if (app.equals(EdgeMetrics.NO_APP)) {
                continue;
            }
            long[] snapshot = metrics.app(app).latency().snapshot();
            long[] delta = LatencyHistogram.minus(snapshot, last.put(app, snapshot));
            long n = 0;
            for (long c : delta) {
                n += c;
            }
            if (n == 0) {
                continue;
            }
            out.add(new AppLatency(app, n,
                    Duration.ofNanos(LatencyHistogram.quantile(delta, 0.5)),
                    Duration.ofNanos(LatencyHistogram.quantile(delta, 0.9)),
                    Duration.ofNanos(LatencyHistogram.quantile(delta, 0.99)),
                    window));
        }
        List<RevisionLatency> revisions = revisionWindows(window);
        if (!out.isEmpty() || !revisions.isEmpty()) {
            sink.publish(List.copyOf(out), revisions);
        }
        return out;
    }

    /** Every revision's figures since the last call, for those with requests. */
    private List<RevisionLatency> revisionWindows(Duration window) {
        List<RevisionLatency> out = new ArrayList<>();
        for (String app : metrics.apps()) {
            for (String revision : metrics.revisions(app)) {
                EdgeMetrics.RevisionMetrics m = metrics.revision(app, revision);
                String key = app + " " + revision;
                long[] counts = {m.requests(), m.errors()};
                long[] before = lastCounts.put(key, counts);
                long[] snapshot = m.latency().snapshot();
                long[] delta = LatencyHistogram.minus(snapshot, lastRevision.put(key, snapshot));
                long requests = counts[0] - (before == null ? 0 : before[0]);
                long errors = counts[1] - (before == null ? 0 : before[1]);
                if (requests > 0) {
                    out.add(new RevisionLatency(app, revision, requests, Math.min(errors, requests),
                            Duration.ofNanos(LatencyHistogram.quantile(delta, 0.99)), window));
                }
            }
        }
        return List.copyOf(out);
    }
}
