package io.mycelium.console.model;

import io.mycelium.client.api.ApiDocuments;
import io.mycelium.client.explain.Explanation;
import io.mycelium.client.explain.Explanations;
import io.mycelium.client.explain.SlotPlacement;
import io.mycelium.client.rows.AppRows;
import io.mycelium.client.rows.BudgetRows;
import io.mycelium.client.rows.InstanceRows;
import io.mycelium.console.events.AuditEvent;
import io.mycelium.console.series.Series;
import io.mycelium.console.series.SeriesBook;
import io.mycelium.fabric.ClusterMember;
import io.mycelium.fabric.ClusterView;
import io.mycelium.fabric.model.Capacity;
import io.mycelium.fabric.model.EndpointRecord;
import io.mycelium.fabric.model.InstanceRecord;
import io.mycelium.fabric.model.InstanceState;
import io.mycelium.fabric.model.NodeInfo;
import io.mycelium.fabric.model.Plan;
import io.mycelium.fabric.model.RecordKind;
import io.mycelium.fabric.model.Role;
import io.mycelium.fabric.rollout.RolloutDecision;
import io.mycelium.fabric.rollout.RolloutState;
import io.mycelium.fabric.state.FabricRecord;
import io.mycelium.fabric.state.RecordKey;
import io.mycelium.spore.digest.Digest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Builds the {@link ClusterSnapshot}s of one cluster from its successive views, redoing only what
 * a change touches. The rows come from the client layer the CLI prints too ({@link InstanceRows},
 * {@link AppRows}), the placement, rollout decisions and explanations from {@link SlotPlacement}
 * and {@link Explanations}; this class adds what a console shows beyond the CLI (record ages,
 * traffic, series, visibility) and keeps, per row, what it was built from:
 * <ul>
 * <li>an instance row is rebuilt only when its instance record, its endpoint record, its node's
 * membership or its age (whole seconds) changed; the others are the very objects of the previous
 * snapshot, and so is the whole list when none changed;</li>
 * <li>node, app and rollout rows are cheap to derive from those and are derived again, but an
 * unchanged one is the previous snapshot's object (structural sharing: a front end compares rows
 * by identity to find what to redraw);</li>
 * <li>the placement (slots, rollout decisions, explanations, ledger admission: the costly part,
 * a pure function of the whole view) is worked out again at once when a plan, budget, rollout
 * command, capacity or member changed; when only frequent node records changed (instance states,
 * endpoints, telemetry, usage), at most every {@code decisionsEveryMs}; and once a second as time
 * moves (rollout timers, balances). Until then the previous one stands, and
 * {@link #decisionsDueAt} says when the caller should build again.</li>
 * </ul>
 * With {@code decisionsEveryMs} 0 the result equals a build from scratch of the same view at the
 * same time (the property {@code SnapshotBuilderTest} checks). Not thread-safe: the session owns it.
 */
final class SnapshotBuilder {
    /** Decisions depend on time (rollout timers, balances): worked out again at least this often. */
    static final long DECISIONS_TICK_MS = 1000;

    private final String cluster;
    private final long decisionsEveryMs;
    private ClusterView last;
    private final Map<RecordKey, InstanceMemo> instanceMemo = new HashMap<>();
    private List<InstanceRow> instances = List.of();
    private Map<RecordKey, Integer> positions = Map.of();
    private Decisions decisions;
    private boolean changedSinceDecisions = true;
    private ClusterSnapshot previous;
    private int rebuiltRows;

    /** The placement and what follows from it, of one view at one time. */
    private record Decisions(SlotPlacement.Result placement, List<Explanation> why, List<BudgetRows.BudgetRow> budgets, long atMs) {
    }

    /** What an instance row was built from, and the rows (the client's and the console's). */
    private record InstanceMemo(FabricRecord record, FabricRecord endpoint, String host, boolean live, long ageMs,
                                ApiDocuments.InstanceRow client, InstanceRow row) {
    }

    SnapshotBuilder(String cluster, long decisionsEveryMs) {
        this.cluster = Objects.requireNonNull(cluster, "cluster");
        if (decisionsEveryMs < 0) {
            throw new IllegalArgumentException("snapshot builder of " + cluster + ": decisions every " + decisionsEveryMs + " ms, must be >= 0");
        }
        this.decisionsEveryMs = decisionsEveryMs;
    }

    /** A snapshot of {@code view} built from scratch: what {@link #next} gives when nothing is kept. */
    static ClusterSnapshot once(String cluster, ClusterView view, RecordAges ages, long nowMs, SeriesBook series,
                                Map<String, Traffic> traffic, List<AuditEvent> events, boolean connected, String operator) {
        return new SnapshotBuilder(cluster, 0).next(view, ages, nowMs, series, traffic, events, connected, operator);
    }

    /** How many instance rows the last {@link #next} built anew (the rest were kept). */
    int rebuiltRows() {
        return rebuiltRows;
    }

    /**
     * When decisions that wait for a change are due (the caller builds again then), or
     * {@code Long.MAX_VALUE} when none wait (the clock alone moves them once a second).
     */
    long decisionsDueAt() {
        if (decisions == null) {
            return Long.MIN_VALUE / 2;
        }
        return changedSinceDecisions ? decisions.atMs() + decisionsEveryMs : Long.MAX_VALUE;
    }

    /** The next {@link #next} works the decisions out again whatever the interval (after this console's own command). */
    void decideNow() {
        if (decisions != null) {
            decisions = new Decisions(decisions.placement(), decisions.why(), decisions.budgets(), Long.MIN_VALUE / 2);
        }
        changedSinceDecisions = true;
    }

    ClusterSnapshot next(ClusterView view, RecordAges ages, long nowMs, SeriesBook series, Map<String, Traffic> traffic,
                         List<AuditEvent> events, boolean connected, String operator) {
        Change change = last == null || !sameMembers(last, view) ? Change.OTHER : changed(last, view);
        changedSinceDecisions |= change != Change.NONE;
        if (change == Change.OTHER) {
            decideNow();
        }
        last = view;
        Decisions d = decisions(view, nowMs);
        List<ApiDocuments.InstanceRow> clientRows = new ArrayList<>();
        instances = instances(view, ages, nowMs, clientRows);
        List<NodeRow> nodes = share(nodes(view, ages, nowMs), previous == null ? List.of() : previous.nodes(), NodeRow::id);
        Map<String, RolloutDecision> rolloutDecisions = d.placement().rollouts();
        List<AppRow> apps = share(apps(view, ages, nowMs, clientRows, d, series, traffic),
                previous == null ? List.of() : previous.apps(), AppRow::app);
        List<RolloutRow> rollouts = share(rolloutDecisions.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(e -> rollout(e.getKey(), e.getValue(), ages, nowMs)).toList(), previous == null ? List.of() : previous.rollouts(), RolloutRow::app);
        int visible = (int) view.members().stream().filter(ClusterMember::alive).count();
        previous = new ClusterSnapshot(cluster, nowMs, view.members().size(), visible, health(view, connected, apps), connected,
                operator, nodes, apps, instances, rollouts, events, d.why(), d.budgets(),
                share(CallRow.of(cluster, view), previous == null ? List.of() : previous.calls(), c -> c.node() + "/" + c.app()));
        return previous;
    }

    /** The kept decisions, or new ones when the view changed and the interval passed, or a second went by. */
    private Decisions decisions(ClusterView view, long nowMs) {
        Decisions d = decisions;
        boolean due = d == null || (changedSinceDecisions && nowMs - d.atMs() >= decisionsEveryMs)
                || (nowMs != d.atMs() && nowMs - d.atMs() >= DECISIONS_TICK_MS);
        if (!due) {
            return d;
        }
        SlotPlacement.Result placement = SlotPlacement.place(view);
        decisions = new Decisions(placement, Explanations.of(view, placement.placement()),
                BudgetRows.all(view, placement.admissions()), nowMs);
        changedSinceDecisions = false;
        return decisions;
    }

    /** What changed between two views, for the decisions: nothing, only frequent node counters and states, or more. */
    enum Change {
        NONE, FREQUENT, OTHER;

        Change and(Change o) {
            return o.ordinal() > ordinal() ? o : this;
        }
    }

    /**
     * The kinds a fabric changes many times a second in a big cluster (instance states, endpoints,
     * telemetry, usage counters, holdings, routing reports): their decisions may wait for the interval.
     * A plan, a budget, a rollout command, a capacity or a member coming or going is placed at once.
     */
    private static final java.util.Set<RecordKind> FREQUENT = java.util.EnumSet.of(RecordKind.INSTANCE, RecordKind.ENDPOINT,
            RecordKind.TELEMETRY, RecordKind.USAGE, RecordKind.HOLDINGS, RecordKind.ROUTING);

    /** What differs between the records of two views, in one walk of both (key order). */
    static Change changed(ClusterView a, ClusterView b) {
        if (a == b) {
            return Change.NONE;
        }
        Change out = Change.NONE;
        Iterator<FabricRecord> i = a.records().iterator();
        Iterator<FabricRecord> j = b.records().iterator();
        FabricRecord x = i.hasNext() ? i.next() : null;
        FabricRecord y = j.hasNext() ? j.next() : null;
        while (x != null || y != null) {
            int c = x == null ? 1 : y == null ? -1 : x == y ? 0 : x.key().compareTo(y.key());
            if (c == 0) {
                if (x != y && (!x.version().equals(y.version()) || !Objects.equals(x.payload(), y.payload()))) {
                    out = out.and(kind(x));
                }
                x = i.hasNext() ? i.next() : null;
                y = j.hasNext() ? j.next() : null;
            } else if (c < 0) {
                out = out.and(kind(x));
                x = i.hasNext() ? i.next() : null;
            } else {
                out = out.and(kind(y));
                y = j.hasNext() ? j.next() : null;
            }
            if (out == Change.OTHER) {
                return out;
            }
        }
        return out;
    }

    private static Change kind(FabricRecord r) {
        return FREQUENT.contains(r.key().kind()) ? Change.FREQUENT : Change.OTHER;
    }

    /** Whether the members are the same but for how long ago each was heard from (that moves all the time). */
    private static boolean sameMembers(ClusterView a, ClusterView b) {
        if (a.members().size() != b.members().size()) {
            return false;
        }
        Iterator<ClusterMember> i = a.members().iterator();
        Iterator<ClusterMember> j = b.members().iterator();
        while (i.hasNext()) {
            ClusterMember x = i.next();
            ClusterMember y = j.next();
            if (!x.id().equals(y.id()) || x.role() != y.role() || !x.host().equals(y.host()) || x.status() != y.status()
                    || x.alive() != y.alive() || x.apiPort() != y.apiPort()) {
                return false;
            }
        }
        return true;
    }

    /**
     * The rows of every instance record (on visible members or not), sorted by app, slot and id;
     * fills {@code clientRows} with the client's rows of those on live members, in record order.
     */
    private List<InstanceRow> instances(ClusterView view, RecordAges ages, long nowMs, List<ApiDocuments.InstanceRow> clientRows) {
        Map<String, FabricRecord> endpoints = new HashMap<>();
        for (FabricRecord r : view.records(RecordKind.ENDPOINT)) {
            if (!r.tombstone()) {
                view.value(r, EndpointRecord.class).ifPresent(e -> endpoints.put(e.instanceId(), r));
            }
        }
        rebuiltRows = 0;
        boolean reordered = false;
        Map<RecordKey, InstanceMemo> seen = new HashMap<>();
        List<InstanceRow> inOrder = new ArrayList<>();
        Map<RecordKey, InstanceRow> replaced = new HashMap<>();
        for (FabricRecord r : view.records(RecordKind.INSTANCE)) {
            if (r.tombstone()) {
                continue;
            }
            String owner = r.key().owner();
            Optional<ClusterMember> member = view.member(owner);
            String host = member.map(ClusterMember::host).orElse("");
            boolean live = member.map(ClusterMember::alive).orElse(false);
            long age = ages.age(r.key(), nowMs);
            FabricRecord endpoint = endpoints.get(r.key().name());
            InstanceMemo m = instanceMemo.get(r.key());
            if (m == null || m.record() != r || m.endpoint() != endpoint || !m.host().equals(host) || m.live() != live || m.ageMs() != age) {
                InstanceMemo fresh = instanceRow(view, r, endpoint, host, live, age);
                rebuiltRows++;
                if (m == null || !sortKey(m.row()).equals(sortKey(fresh.row()))) {
                    reordered = true;
                }
                if (m != null && m.row().equals(fresh.row())) {
                    fresh = new InstanceMemo(r, endpoint, host, live, age, fresh.client(), m.row());
                } else {
                    replaced.put(r.key(), fresh.row());
                }
                m = fresh;
            }
            seen.put(r.key(), m);
            inOrder.add(m.row());
            if (live) {
                clientRows.add(m.client());
            }
        }
        reordered |= seen.size() != instanceMemo.size() || !instanceMemo.keySet().containsAll(seen.keySet());
        instanceMemo.clear();
        instanceMemo.putAll(seen);
        if (!reordered) {
            if (replaced.isEmpty()) {
                return instances;
            }
            List<InstanceRow> out = new ArrayList<>(instances);
            replaced.forEach((key, row) -> out.set(positions.get(key), row));
            return List.copyOf(out);
        }
        inOrder.sort(Comparator.comparing(InstanceRow::app).thenComparingInt(InstanceRow::slot).thenComparing(InstanceRow::id));
        Map<RecordKey, Integer> at = new HashMap<>();
        Map<InstanceRow, RecordKey> keyOf = new java.util.IdentityHashMap<>();
        seen.forEach((key, m) -> keyOf.put(m.row(), key));
        for (int i = 0; i < inOrder.size(); i++) {
            at.put(keyOf.get(inOrder.get(i)), i);
        }
        positions = at;
        return List.copyOf(inOrder);
    }

    private static List<Object> sortKey(InstanceRow r) {
        return List.of(r.app(), r.slot(), r.id());
    }

    /** One instance record's rows: the client's (as {@code mesh instances} shows it) and the console's. */
    private InstanceMemo instanceRow(ClusterView view, FabricRecord r, FabricRecord endpoint, String host, boolean live, long age) {
        String owner = r.key().owner();
        InstanceRecord i = view.value(r, InstanceRecord.class).orElseThrow();
        Integer port = endpoint == null ? null : view.value(endpoint, EndpointRecord.class).map(EndpointRecord::port).orElse(null);
        ApiDocuments.InstanceRow c = InstanceRows.fromRecord(i, owner, port, view.nodeInfo(owner).map(NodeInfo::apiUrl).orElse(""));
        InstanceRow row = new InstanceRow(cluster, c.id(), c.app(), c.node(), c.slot(), c.state().toUpperCase(Locale.ROOT), c.restarts(),
                Digest.parse(c.digest()).shortForm(), c.port() == null ? "" : host + ":" + c.port(), c.message(), live, age,
                c.pid() == null ? 0 : c.pid());
        return new InstanceMemo(r, endpoint, host, live, age, c, row);
    }

    private List<NodeRow> nodes(ClusterView view, RecordAges ages, long nowMs) {
        Map<String, List<InstanceRow>> byNode = instances.stream().collect(Collectors.groupingBy(InstanceRow::node));
        List<NodeRow> out = new ArrayList<>();
        for (ClusterMember m : view.members()) {
            Optional<Capacity> cap = view.capacity(m.id());
            List<InstanceRow> on = byNode.getOrDefault(m.id(), List.of());
            long newest = -1;
            for (RecordKind k : List.of(RecordKind.NODE, RecordKind.CAPACITY, RecordKind.TELEMETRY)) {
                newest = youngest(newest, ages.age(RecordKey.node(k, m.id(), ""), nowMs));
            }
            for (InstanceRow i : on) {
                newest = youngest(newest, i.ageMs());
            }
            long cpuTotal = cap.map(Capacity::cpuMilliTotal).orElse(0L);
            long memTotal = cap.map(Capacity::memoryMbTotal).orElse(0L);
            out.add(new NodeRow(cluster, m.id(), m.role().wireName(), m.status().name().toLowerCase(Locale.ROOT), m.alive(),
                    view.nodeInfo(m.id()).map(NodeInfo::apiUrl).orElse(""),
                    cpuTotal - cap.map(Capacity::cpuMilliFree).orElse(0L), cpuTotal,
                    memTotal - cap.map(Capacity::memoryMbFree).orElse(0L), memTotal,
                    (int) on.stream().filter(i -> stateOf(i).active()).count(),
                    (int) on.stream().filter(i -> stateOf(i) == InstanceState.READY).count(),
                    view.nodeInfo(m.id()).map(NodeInfo::labels).orElse(Map.of()), newest));
        }
        return out;
    }

    private static InstanceState stateOf(InstanceRow i) {
        return InstanceState.valueOf(i.state());
    }

    private static long youngest(long a, long b) {
        if (a < 0) {
            return b;
        }
        return b < 0 ? a : Math.min(a, b);
    }

    /** The client's app rows (counted over instances on visible nodes), with traffic, rollout phase, series and age. */
    private List<AppRow> apps(ClusterView view, RecordAges ages, long nowMs, List<ApiDocuments.InstanceRow> live, Decisions d,
                              SeriesBook series, Map<String, Traffic> traffic) {
        Map<String, List<InstanceRow>> byApp = instances.stream().collect(Collectors.groupingBy(InstanceRow::app));
        List<AppRow> out = new ArrayList<>();
        for (ApiDocuments.AppRow a : AppRows.all(view, live, d.placement().placement().unplaced())) {
            String app = a.app();
            Optional<Plan> plan = Optional.ofNullable(a.plan());
            Traffic t = traffic.getOrDefault(app, Traffic.NONE);
            long age = ages.age(RecordKey.operator(RecordKind.PLAN, app), nowMs);
            for (InstanceRow i : byApp.getOrDefault(app, List.of())) {
                age = youngest(age, i.ageMs());
            }
            int failing = a.states().getOrDefault("failed", 0) + a.states().getOrDefault("crash_loop", 0);
            RolloutDecision r = d.placement().rollouts().get(app);
            out.add(new AppRow(cluster, app, plan.map(p -> p.digest().shortForm()).orElse("-"), a.desired(), a.ready(), failing,
                    a.revision(), plan.map(p -> p.strategy().kind().flag()).orElse("-"),
                    r == null ? "-" : r.phase().wireName(), t.rps(), t.p99Ms(), sloOf(plan),
                    series.get(Series.rps(app)), series.get(Series.p99(app)), age));
        }
        return out;
    }

    private static long sloOf(Optional<Plan> plan) {
        return plan.map(p -> p.strategy().analysis()).map(a -> a.p99BudgetMs()).orElse(0L);
    }

    private RolloutRow rollout(String app, RolloutDecision d, RecordAges ages, long nowMs) {
        RolloutState s = d.state();
        return new RolloutRow(cluster, app, s.strategy().kind().flag(), s.phase().wireName(), s.step(), s.steps(), s.stepName(),
                s.stable() == null ? "-" : s.stable().shortForm(), s.desired().shortForm(),
                perRevision(d.split().weights(), "%"), perRevision(d.ready(), ""), d.analysis().text(), s.reason(),
                ages.age(RecordKey.operator(RecordKind.ROLLOUT, app), nowMs));
    }

    private static String perRevision(Map<Digest, Integer> values, String unit) {
        return values.entrySet().stream().map(e -> e.getKey().shortForm() + "=" + e.getValue() + unit).collect(Collectors.joining(" "));
    }

    /**
     * {@code fresh}, with every row equal to one of {@code previous} (same key) replaced by that
     * object, and {@code previous} itself when all are: unchanged rows keep their identity.
     */
    static <T> List<T> share(List<T> fresh, List<T> previous, Function<T, ?> key) {
        if (previous.isEmpty()) {
            return List.copyOf(fresh);
        }
        Map<Object, T> before = new HashMap<>();
        for (T p : previous) {
            before.put(key.apply(p), p);
        }
        List<T> out = new ArrayList<>(fresh.size());
        boolean all = fresh.size() == previous.size();
        for (int i = 0; i < fresh.size(); i++) {
            T f = fresh.get(i);
            T p = before.get(key.apply(f));
            T kept = p != null && p.equals(f) ? p : f;
            all &= all && kept == previous.get(i);
            out.add(kept);
        }
        return all ? previous : List.copyOf(out);
    }

    private static Health health(ClusterView view, boolean connected, List<AppRow> apps) {
        if (!connected) {
            return new Health(Health.Level.DISCONNECTED, "no member reachable: reconnecting");
        }
        int agents = view.liveMembers(Role.AGENT).size();
        long lost = view.members().stream().filter(m -> !m.alive()).count();
        String members = count(agents, "agent") + ", " + count(view.liveMembers(Role.EDGE).size(), "edge");
        if (lost > 0) {
            return new Health(Health.Level.PARTITIONED, members + "; " + count(lost, "member") + " not seen");
        }
        long sick = apps.stream().filter(a -> !a.healthy()).count();
        if (sick > 0) {
            return new Health(Health.Level.DEGRADED, members + "; " + count(sick, "app") + " below plan");
        }
        return new Health(Health.Level.OK, members + "; " + count(apps.size(), "app") + " as planned");
    }

    private static String count(long n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }
}
