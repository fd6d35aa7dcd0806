package io.mycelium.console.model;

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
import io.mycelium.fabric.rollout.Rollouts;
import io.mycelium.fabric.state.FabricRecord;
import io.mycelium.fabric.state.RecordKey;
import io.mycelium.spore.digest.Digest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** Builds a {@link ClusterSnapshot} from one fabric view; a pure function of its inputs. */
final class SnapshotBuilder {
    private final String cluster;
    private final ClusterView view;
    private final RecordAges ages;
    private final long nowMs;
    private final Map<String, List<FabricRecord>> instancesByNode = new HashMap<>();
    private final Map<String, EndpointRecord> endpoints = new HashMap<>();

    SnapshotBuilder(String cluster, ClusterView view, RecordAges ages, long nowMs) {
        this.cluster = cluster;
        this.view = view;
        this.ages = ages;
        this.nowMs = nowMs;
        for (FabricRecord r : view.records()) {
            if (r.tombstone()) {
                continue;
            }
            if (r.key().kind() == RecordKind.INSTANCE) {
                instancesByNode.computeIfAbsent(r.key().owner(), k -> new ArrayList<>()).add(r);
            } else if (r.key().kind() == RecordKind.ENDPOINT) {
                r.value(EndpointRecord.class).ifPresent(e -> endpoints.put(e.instanceId(), e));
            }
        }
    }

    ClusterSnapshot build(SeriesBook series, Map<String, Traffic> traffic, List<AuditEvent> events, boolean connected, String operator) {
        List<NodeRow> nodes = nodes();
        List<InstanceRow> instances = instances();
        Map<String, RolloutDecision> decisions = Rollouts.next(view, Instant.ofEpochMilli(nowMs));
        List<AppRow> apps = apps(instances, decisions, series, traffic);
        List<RolloutRow> rollouts = decisions.entrySet().stream().map(e -> rollout(e.getKey(), e.getValue())).toList();
        int visible = (int) view.members().stream().filter(ClusterMember::alive).count();
        return new ClusterSnapshot(cluster, nowMs, view.members().size(), visible, health(connected, apps), connected,
                operator, nodes, apps, instances, rollouts, events);
    }

    private List<NodeRow> nodes() {
        List<NodeRow> out = new ArrayList<>();
        for (ClusterMember m : view.members()) {
            Optional<Capacity> cap = view.capacity(m.id());
            List<InstanceRecord> on = instancesByNode.getOrDefault(m.id(), List.of()).stream()
                    .map(r -> r.value(InstanceRecord.class).orElseThrow()).toList();
            long newest = -1;
            for (RecordKind k : List.of(RecordKind.NODE, RecordKind.CAPACITY, RecordKind.TELEMETRY)) {
                newest = youngest(newest, ages.age(RecordKey.node(k, m.id(), ""), nowMs));
            }
            for (FabricRecord r : instancesByNode.getOrDefault(m.id(), List.of())) {
                newest = youngest(newest, ages.age(r.key(), nowMs));
            }
            long cpuTotal = cap.map(Capacity::cpuMilliTotal).orElse(0L);
            long memTotal = cap.map(Capacity::memoryMbTotal).orElse(0L);
            out.add(new NodeRow(cluster, m.id(), m.role().wireName(), m.status().name().toLowerCase(Locale.ROOT), m.alive(),
                    view.nodeInfo(m.id()).map(NodeInfo::apiUrl).orElse(""),
                    cpuTotal - cap.map(Capacity::cpuMilliFree).orElse(0L), cpuTotal,
                    memTotal - cap.map(Capacity::memoryMbFree).orElse(0L), memTotal,
                    (int) on.stream().filter(i -> i.state().active()).count(),
                    (int) on.stream().filter(i -> i.state() == InstanceState.READY).count(),
                    view.nodeInfo(m.id()).map(NodeInfo::labels).orElse(Map.of()), newest));
        }
        return out;
    }

    private static long youngest(long a, long b) {
        if (a < 0) {
            return b;
        }
        return b < 0 ? a : Math.min(a, b);
    }

    private List<InstanceRow> instances() {
        List<InstanceRow> out = new ArrayList<>();
        instancesByNode.forEach((node, records) -> {
            for (FabricRecord r : records) {
                InstanceRecord i = r.value(InstanceRecord.class).orElseThrow();
                EndpointRecord e = endpoints.get(i.instanceId());
                out.add(new InstanceRow(cluster, i.instanceId(), i.app(), node, i.slot(), i.state().name(), i.restarts(),
                        i.digest().shortForm(), e == null ? "" : e.host() + ":" + e.port(), i.message(), view.isLive(node),
                        ages.age(r.key(), nowMs)));
            }
        });
        out.sort(java.util.Comparator.comparing(InstanceRow::app).thenComparingInt(InstanceRow::slot).thenComparing(InstanceRow::id));
        return out;
    }

    private List<AppRow> apps(List<InstanceRow> instances, Map<String, RolloutDecision> decisions, SeriesBook series,
                              Map<String, Traffic> traffic) {
        Map<String, List<InstanceRow>> byApp = instances.stream().filter(InstanceRow::nodeVisible)
                .collect(Collectors.groupingBy(InstanceRow::app));
        List<AppRow> out = new ArrayList<>();
        for (String app : view.apps()) {
            Optional<Plan> plan = view.plan(app);
            List<InstanceRow> mine = byApp.getOrDefault(app, List.of());
            Traffic t = traffic.getOrDefault(app, Traffic.NONE);
            long age = ages.age(RecordKey.operator(RecordKind.PLAN, app), nowMs);
            for (InstanceRow i : mine) {
                age = youngest(age, i.ageMs());
            }
            RolloutDecision d = decisions.get(app);
            out.add(new AppRow(cluster, app, plan.map(p -> p.digest().shortForm()).orElse("-"), plan.map(Plan::instances).orElse(0),
                    (int) mine.stream().filter(i -> i.state().equals(InstanceState.READY.name())).count(),
                    (int) mine.stream().filter(i -> i.state().equals(InstanceState.FAILED.name())
                            || i.state().equals(InstanceState.CRASH_LOOP.name())).count(),
                    view.planRevision(app), plan.map(p -> p.strategy().kind().flag()).orElse("-"),
                    d == null ? "-" : d.phase().wireName(), t.rps(), t.p99Ms(), sloOf(plan),
                    series.get(Series.rps(app)), series.get(Series.p99(app)), age));
        }
        return out;
    }

    private static long sloOf(Optional<Plan> plan) {
        return plan.map(p -> p.strategy().analysis()).map(a -> a.p99BudgetMs()).orElse(0L);
    }

    private RolloutRow rollout(String app, RolloutDecision d) {
        RolloutState s = d.state();
        return new RolloutRow(cluster, app, s.strategy().kind().flag(), s.phase().wireName(), s.step(), s.steps(), s.stepName(),
                s.stable() == null ? "-" : s.stable().shortForm(), s.desired().shortForm(),
                perRevision(d.split().weights(), "%"), perRevision(d.ready(), ""), d.analysis().text(), s.reason(),
                ages.age(RecordKey.operator(RecordKind.ROLLOUT, app), nowMs));
    }

    private static String perRevision(Map<Digest, Integer> values, String unit) {
        return values.entrySet().stream().map(e -> e.getKey().shortForm() + "=" + e.getValue() + unit).collect(Collectors.joining(" "));
    }

    private Health health(boolean connected, List<AppRow> apps) {
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
