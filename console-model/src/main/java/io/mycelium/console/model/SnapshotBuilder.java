package io.mycelium.console.model;

import io.mycelium.client.api.ApiDocuments;
import io.mycelium.client.explain.Explanation;
import io.mycelium.client.explain.Explanations;
import io.mycelium.client.explain.SlotPlacement;
import io.mycelium.client.rows.AppRows;
import io.mycelium.client.rows.InstanceRows;
import io.mycelium.console.events.AuditEvent;
import io.mycelium.console.series.Series;
import io.mycelium.console.series.SeriesBook;
import io.mycelium.fabric.ClusterMember;
import io.mycelium.fabric.ClusterView;
import io.mycelium.fabric.model.Capacity;
import io.mycelium.fabric.model.InstanceState;
import io.mycelium.fabric.model.NodeInfo;
import io.mycelium.fabric.model.Plan;
import io.mycelium.fabric.model.RecordKind;
import io.mycelium.fabric.model.Role;
import io.mycelium.fabric.rollout.RolloutDecision;
import io.mycelium.fabric.rollout.RolloutState;
import io.mycelium.fabric.state.RecordKey;
import io.mycelium.spore.digest.Digest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Builds a {@link ClusterSnapshot} from one fabric view; a pure function of its inputs. The rows
 * come from the client layer the CLI prints too ({@link InstanceRows}, {@link AppRows}), the
 * placement, rollout decisions and explanations from {@link SlotPlacement} and
 * {@link Explanations}, placed once per view; this class only adds what a console shows beyond
 * the CLI (record ages, traffic, series, visibility).
 */
final class SnapshotBuilder {
    private final String cluster;
    private final ClusterView view;
    private final RecordAges ages;
    private final long nowMs;
    private final SlotPlacement.Result placement;
    private final List<ApiDocuments.InstanceRow> rows;

    SnapshotBuilder(String cluster, ClusterView view, RecordAges ages, long nowMs) {
        this.cluster = cluster;
        this.view = view;
        this.ages = ages;
        this.nowMs = nowMs;
        this.placement = SlotPlacement.place(view);
        this.rows = InstanceRows.seen(view);
    }

    ClusterSnapshot build(SeriesBook series, Map<String, Traffic> traffic, List<AuditEvent> events, boolean connected, String operator) {
        List<InstanceRow> instances = instances();
        List<NodeRow> nodes = nodes(instances);
        Map<String, RolloutDecision> decisions = placement.rollouts();
        List<AppRow> apps = apps(instances, decisions, series, traffic);
        List<RolloutRow> rollouts = decisions.entrySet().stream().map(e -> rollout(e.getKey(), e.getValue())).toList();
        List<Explanation> why = Explanations.of(view, placement.placement());
        int visible = (int) view.members().stream().filter(ClusterMember::alive).count();
        return new ClusterSnapshot(cluster, nowMs, view.members().size(), visible, health(connected, apps), connected,
                operator, nodes, apps, instances, rollouts, events, why,
                io.mycelium.client.rows.BudgetRows.all(view, placement.admissions()));
    }

    private List<NodeRow> nodes(List<InstanceRow> instances) {
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

    /** The client's rows of every instance record, with the endpoint's address, the node's visibility and the record's age. */
    private List<InstanceRow> instances() {
        List<InstanceRow> out = new ArrayList<>();
        for (ApiDocuments.InstanceRow r : rows) {
            String host = view.member(r.node()).map(ClusterMember::host).orElse("");
            out.add(new InstanceRow(cluster, r.id(), r.app(), r.node(), r.slot(), r.state().toUpperCase(Locale.ROOT), r.restarts(),
                    Digest.parse(r.digest()).shortForm(), r.port() == null ? "" : host + ":" + r.port(), r.message(),
                    view.isLive(r.node()), ages.age(RecordKey.node(RecordKind.INSTANCE, r.node(), r.id()), nowMs),
                    r.pid() == null ? 0 : r.pid()));
        }
        out.sort(Comparator.comparing(InstanceRow::app).thenComparingInt(InstanceRow::slot).thenComparing(InstanceRow::id));
        return out;
    }

    /** The client's app rows (counted over instances on visible nodes), with traffic, rollout phase, series and age. */
    private List<AppRow> apps(List<InstanceRow> instances, Map<String, RolloutDecision> decisions, SeriesBook series,
                              Map<String, Traffic> traffic) {
        List<ApiDocuments.InstanceRow> live = rows.stream().filter(r -> view.isLive(r.node())).toList();
        Map<String, List<InstanceRow>> byApp = instances.stream().collect(Collectors.groupingBy(InstanceRow::app));
        List<AppRow> out = new ArrayList<>();
        for (ApiDocuments.AppRow a : AppRows.all(view, live, placement.placement().unplaced())) {
            String app = a.app();
            Optional<Plan> plan = Optional.ofNullable(a.plan());
            Traffic t = traffic.getOrDefault(app, Traffic.NONE);
            long age = ages.age(RecordKey.operator(RecordKind.PLAN, app), nowMs);
            for (InstanceRow i : byApp.getOrDefault(app, List.of())) {
                age = youngest(age, i.ageMs());
            }
            int failing = a.states().getOrDefault("failed", 0) + a.states().getOrDefault("crash_loop", 0);
            RolloutDecision d = decisions.get(app);
            out.add(new AppRow(cluster, app, plan.map(p -> p.digest().shortForm()).orElse("-"), a.desired(), a.ready(), failing,
                    a.revision(), plan.map(p -> p.strategy().kind().flag()).orElse("-"),
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
