package io.mycelium.agent.metrics;

import java.time.Duration;
import java.util.Objects;

/**
 * The metrics the daemon feeds, under fixed names: spore fetches from peers (bytes, seconds,
 * outcome). Instances by state, restarts and fabric messages are collected at scrape time by the
 * API from the supervisor and the fabric, so nobody has to feed them.
 */
public final class AgentMetrics {
    public static final String FETCH_BYTES = "mesh_spore_fetch_bytes_total";
    public static final String FETCH_SECONDS = "mesh_spore_fetch_seconds";
    public static final String FETCHES = "mesh_spore_fetches_total";
    static final double[] FETCH_BOUNDS = {0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60};

    private final MetricRegistry registry;
    private final Counter fetchBytes;
    private final Histogram fetchSeconds;

    public AgentMetrics(MetricRegistry registry) {
        this.registry = Objects.requireNonNull(registry, "registry");
        this.fetchBytes = registry.counter(FETCH_BYTES, "Bytes of spores fetched from peers.");
        this.fetchSeconds = registry.histogram(FETCH_SECONDS, "Time to fetch one spore from a peer, verification included.", FETCH_BOUNDS);
        for (String outcome : new String[] {"ok", "failed"}) {
            registry.counter(FETCHES, "Spore fetches from peers, by outcome.", "outcome", outcome);
        }
    }

    /** Records one fetch: bytes received (also for a failed one), how long it took, whether it succeeded. */
    public void sporeFetched(long bytes, Duration took, boolean ok) {
        fetchBytes.add(bytes);
        fetchSeconds.observe(took.toNanos() / 1e9);
        registry.counter(FETCHES, "Spore fetches from peers, by outcome.", "outcome", ok ? "ok" : "failed").inc();
    }

    public MetricRegistry registry() {
        return registry;
    }
}
