package io.mycelium.console.model;

import io.mycelium.fabric.ClusterView;
import io.mycelium.fabric.state.FabricRecord;
import io.mycelium.fabric.state.RecordKey;
import io.mycelium.fabric.state.Version;
import java.util.HashMap;
import java.util.Map;

/**
 * When the console first saw each record at its current version. Node-owned versions carry no
 * time, so "how old is this row" is measured on the console's clock: a record that stops changing
 * (its node across a partition) grows old on screen. Not thread-safe: the session owns it.
 */
final class RecordAges {
    private record Seen(Version version, long atMs) {
    }

    private final Map<RecordKey, Seen> seen = new HashMap<>();

    void observe(ClusterView view, long nowMs) {
        for (FabricRecord r : view.records()) {
            Seen s = seen.get(r.key());
            if (s == null || !s.version().equals(r.version())) {
                seen.put(r.key(), new Seen(r.version(), nowMs));
            }
        }
    }

    /**
     * Milliseconds since {@code key} last changed, in whole seconds (what a screen shows: a row
     * whose record did not change stays the same row until its age turns a second), or -1 if it
     * was never seen.
     */
    long age(RecordKey key, long nowMs) {
        Seen s = seen.get(key);
        return s == null ? -1 : Math.max(0, nowMs - s.atMs()) / 1000 * 1000;
    }
}
