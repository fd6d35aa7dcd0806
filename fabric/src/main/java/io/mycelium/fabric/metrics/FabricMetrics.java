package io.mycelium.fabric.metrics;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Named monotonic counters. Thread-safe. Names are snake_case, e.g. {@code dropped_replayed},
 * {@code refused_forged}, {@code messages_sent}.
 */
public final class FabricMetrics {
    private final Map<String, LongAdder> counters = new ConcurrentHashMap<>();

    public void add(String name, long delta) {
        counters.computeIfAbsent(name, n -> new LongAdder()).add(delta);
    }

    public void increment(String name) {
        add(name, 1);
    }

    public long get(String name) {
        LongAdder a = counters.get(name);
        return a == null ? 0 : a.sum();
    }

    /** A sorted copy of every counter. */
    public Map<String, Long> snapshot() {
        Map<String, Long> out = new TreeMap<>();
        counters.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }
}
