package io.mycelium.console.series;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;

/**
 * Keeps the last {@code capacity} samples of named series, at most one per {@code stepMs} (a
 * sample inside the current step replaces that step's value). Not thread-safe: the model owns it.
 */
public final class SeriesBook {
    private final int capacity;
    private final long stepMs;
    private final Map<String, ArrayDeque<Double>> values = new HashMap<>();
    private final Map<String, Long> lastStep = new HashMap<>();

    public SeriesBook(int capacity, long stepMs) {
        if (capacity < 1 || stepMs < 1) {
            throw new IllegalArgumentException("series: capacity " + capacity + " and step " + stepMs + " ms must be at least 1");
        }
        this.capacity = capacity;
        this.stepMs = stepMs;
    }

    /** Records {@code value} of {@code name} at {@code atMs}. */
    public void add(String name, long atMs, double value) {
        long step = atMs / stepMs;
        ArrayDeque<Double> q = values.computeIfAbsent(name, k -> new ArrayDeque<>(capacity));
        Long prev = lastStep.get(name);
        if (prev != null && prev == step && !q.isEmpty()) {
            q.removeLast();
        } else if (prev != null) {
            for (long missed = Math.min(step - prev - 1, capacity); missed > 0; missed--) {
                push(q, 0.0);
            }
        }
        push(q, value);
        lastStep.put(name, step);
    }

    private void push(ArrayDeque<Double> q, double v) {
        if (q.size() == capacity) {
            q.removeFirst();
        }
        q.addLast(v);
    }

    public Series get(String name) {
        ArrayDeque<Double> q = values.get(name);
        if (q == null) {
            return Series.EMPTY;
        }
        return new Series(java.util.List.copyOf(q), stepMs, lastStep.get(name) * stepMs);
    }
}
