package io.mycelium.agent.meter;

import io.mycelium.fabric.model.Usage;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Which of a tick's changed usage records go out into the fabric. The book charges and saves every
 * tick; publishing every record every tick made each of 1,000 agents gossip one record per app every
 * 2 s, which every node then received a few dozen times (docs/BENCHMARKS.md, "Ledger and autoscaler
 * at 1,000 nodes"). A record goes out when it is the app's first, when the node's instance count of
 * the app changed, when its burn rate moved by more than {@link #BURN_CHANGE}, or once
 * {@link #EVERY_MS} passed since the last one: balances everyone sees lag the node's own count by at
 * most that, and counters stay exact (each record carries the totals). Not thread-safe: the meter's
 * thread only.
 */
final class PublishThrottle {
    static final long EVERY_MS = 10_000;
    static final double BURN_CHANGE = 0.2;

    private record Sent(Usage usage, long atMs) {
    }

    private final Map<String, Sent> sent = new HashMap<>();

    /** The records of {@code changed} to publish at {@code nowMs}; they count as sent. */
    List<Usage> due(List<Usage> changed, long nowMs) {
        List<Usage> out = new ArrayList<>();
        for (Usage u : changed) {
            Sent last = sent.get(u.app());
            if (last == null || last.usage().instances() != u.instances() || nowMs - last.atMs() >= EVERY_MS
                    || Math.abs(u.burnPerHour() - last.usage().burnPerHour()) > BURN_CHANGE * Math.max(last.usage().burnPerHour(), 1e-9)) {
                sent.put(u.app(), new Sent(u, nowMs));
                out.add(u);
            }
        }
        return out;
    }
}
