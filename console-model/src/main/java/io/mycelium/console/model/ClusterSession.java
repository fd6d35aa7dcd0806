package io.mycelium.console.model;

import io.mycelium.console.events.EventLog;
import io.mycelium.console.series.Series;
import io.mycelium.console.series.SeriesBook;
import io.mycelium.console.source.ClusterSource;
import io.mycelium.fabric.ClusterView;
import io.mycelium.fabric.model.InstanceRecord;
import io.mycelium.spore.key.KeyId;
import io.mycelium.spore.key.TrustStore;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One open cluster: its source, and what the console derived from it (record ages, series, the
 * event log). {@link #refresh} runs on the console's thread; the source's listener only marks the
 * session stale, so a burst of fabric changes costs one rebuild.
 */
public final class ClusterSession {
    /** Series keep one sample a second for five minutes. */
    static final int SERIES_SAMPLES = 300;
    static final long SERIES_STEP_MS = 1000;
    static final int EVENTS_KEPT = 2000;
    /** A change is placed again (slots, rollout decisions, explanations) at most this often; rows follow every change. */
    static final long DECISIONS_EVERY_MS = 250;

    private final ClusterSource source;
    private final EventLog events;
    private final RecordAges ages = new RecordAges();
    private final SeriesBook series = new SeriesBook(SERIES_SAMPLES, SERIES_STEP_MS);
    private final AtomicBoolean stale = new AtomicBoolean(true);
    private volatile ClusterSnapshot snapshot;
    private volatile ClusterView view;
    private long builtAt = Long.MIN_VALUE / 2;
    private final SnapshotBuilder builder;

    public ClusterSession(ClusterSource source, Optional<TrustStore> operatorTrust) {
        this.source = Objects.requireNonNull(source, "source");
        this.events = new EventLog(source.name(), operatorTrust, EVENTS_KEPT);
        this.snapshot = ClusterSnapshot.empty(source.name());
        this.builder = new SnapshotBuilder(source.name(), DECISIONS_EVERY_MS);
        source.onChange(() -> stale.set(true));
    }

    public String name() {
        return source.name();
    }

    public ClusterSource source() {
        return source;
    }

    public ClusterSnapshot snapshot() {
        return snapshot;
    }

    /** The view the current snapshot was built from (what commands are computed against). */
    public ClusterView view() {
        ClusterView v = view;
        return v != null ? v : source.view();
    }

    EventLog events() {
        return events;
    }

    /** Marks the session for a rebuild, its decisions included (after this console's command: the operator looks for its effect). */
    void touch() {
        builder.decideNow();
        stale.set(true);
    }

    /**
     * Marks the session for a rebuild when its snapshot is {@code maxAgeMs} old (so that ages on
     * screen advance) or decisions that wait for a change are due.
     */
    void touchIfOlder(long nowMs, long maxAgeMs) {
        if (nowMs - builtAt >= maxAgeMs || nowMs >= builder.decisionsDueAt()) {
            stale.set(true);
        }
    }

    /** When this session next has something due without a fabric change (ages, waiting decisions). Console clock. */
    long dueAt() {
        return Math.min(builtAt + ConsoleModel.TICK_MS, builder.decisionsDueAt());
    }

    /** When the snapshot was last built (console clock). */
    long builtAt() {
        return builtAt;
    }

    /** Rebuilds the snapshot if anything changed since the last one; true if it did. */
    boolean refresh(long nowMs) {
        if (!stale.getAndSet(false)) {
            return false;
        }
        builtAt = nowMs;
        ClusterView v = source.view().sharingParsedWith(view);
        view = v;
        ages.observe(v, nowMs);
        events.observe(v, nowMs);
        Map<String, Traffic> traffic = Traffic.byApp(v);
        for (String app : v.apps()) {
            Traffic t = traffic.getOrDefault(app, Traffic.NONE);
            series.add(Series.rps(app), nowMs, t.rps());
            series.add(Series.p99(app), nowMs, Math.max(0, t.p99Ms()));
            series.add(Series.restarts(app), nowMs, restarts(v, app));
            series.add(Series.burn(app), nowMs, io.mycelium.fabric.ledger.Spend.burnPerHour(v, app));
        }
        String operator = source.operator().map(KeyId::shortForm).orElse("");
        snapshot = builder.next(v, ages, nowMs, series, traffic, events.newestFirst(), source.connected(), operator);
        return true;
    }

    private static double restarts(ClusterView v, String app) {
        return v.instances(app).values().stream().flatMap(List::stream).mapToInt(InstanceRecord::restarts).sum();
    }

    /** {@code app}'s budget and spending in the view of the current snapshot; empty without a budget. */
    public Optional<AccountRow> account(String app) {
        return AccountRow.of(view(), app, snapshot.takenAtMs());
    }

    /** A series of this cluster by name ({@link Series#restarts}, ...). */
    public Series series(String name) {
        return series.get(name);
    }
}
