package io.mycelium.console.view;

import io.mycelium.console.events.AuditEvent;
import io.mycelium.console.format.Formats;
import io.mycelium.client.rows.BudgetRows.BudgetRow;
import io.mycelium.console.model.AppRow;
import io.mycelium.console.model.ClusterSnapshot;
import io.mycelium.console.model.InstanceRow;
import io.mycelium.console.model.NodeRow;
import io.mycelium.console.model.RolloutRow;
import io.mycelium.console.view.Table.Column;
import io.mycelium.console.view.Table.Row;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The table of each view, for one cluster or merged over several (then with a CLUSTER column and
 * each row tagged with its cluster's index). A pure function of snapshots, route and table state.
 */
public final class Tables {
    /** Width of the sparkline columns. */
    public static final int TREND = 10;

    /** The suffixes the formats write, as factors to one scale (milliseconds, or per second). */
    private static final java.util.Map<String, Double> UNITS = java.util.Map.of("ms", 1.0, "s", 1000.0, "m", 60_000.0,
            "h", 3_600_000.0, "d", 86_400_000.0, "k/s", 1000.0);

    private Tables() {
    }

    public static Table of(Route route, List<ClusterSnapshot> clusters, TableState state) {
        boolean merged = clusters.size() > 1;
        List<Column> columns = new ArrayList<>();
        if (merged) {
            columns.add(new Column("CLUSTER", 10, false));
        }
        columns.addAll(columns(route.view()));
        List<Row> rows = new ArrayList<>();
        for (int tag = 0; tag < clusters.size(); tag++) {
            for (Row r : rows(route, clusters.get(tag), tag)) {
                rows.add(merged ? withCluster(r, clusters.get(tag).cluster()) : r);
            }
        }
        return new Table(columns, order(filter(rows, state.filter()), state));
    }

    private static Row withCluster(Row r, String cluster) {
        List<String> cells = new ArrayList<>();
        cells.add(cluster);
        cells.addAll(r.cells());
        return new Row(cluster + "/" + r.key(), r.clusterTag(), cells, r.tone(), r.drill());
    }

    private static List<Column> columns(ViewKind view) {
        return switch (view) {
            case NODES -> List.of(col("NODE", 14), col("ROLE", 7), col("STATUS", 9), num("CPU", 5), num("MEM", 5),
                    num("INST", 5), num("READY", 6), num("AGE", 5), col("API", 22));
            case APPS -> List.of(col("APP", 14), num("REV", 4), col("DIGEST", 13), num("READY", 6), col("PHASE", 12),
                    num("RPS", 7), num("P99", 7), num("SLO", 6), col("RPS " + "TREND", TREND + 1), col("P99 TREND", TREND + 1),
                    num("AGE", 5), col("STRATEGY", 10), col("BUDGET", 24));
            case INSTANCES -> List.of(col("INSTANCE", 26), col("APP", 12), col("NODE", 12), col("STATE", 11),
                    num("RST", 4), col("DIGEST", 13), col("ENDPOINT", 16), num("AGE", 5), col("MESSAGE", 20));
            case ROLLOUTS -> List.of(col("APP", 14), col("STRATEGY", 10), col("PHASE", 20), num("STEP", 5),
                    col("STABLE", 13), col("DESIRED", 13), col("WEIGHTS", 24), col("READY", 20), col("ANALYSIS / REASON", 30));
            case EVENTS -> List.of(num("AGE", 5), col("KIND", 8), col("SUBJECT", 26), col("SIGNER", 12),
                    col("TRUST", 9), col("WHAT", 40));
            case GRAPH -> List.of(col("HUB", 20));
            case LOGS -> List.of(col("LINE", 80));
        };
    }

    private static Column col(String name, int width) {
        return new Column(name, width, false);
    }

    private static Column num(String name, int width) {
        return new Column(name, width, true);
    }

    private static List<Row> rows(Route route, ClusterSnapshot s, int tag) {
        String subject = route.subject();
        long now = s.takenAtMs();
        return switch (route.view()) {
            case NODES -> s.nodes().stream().map(n -> node(n, tag)).toList();
            case APPS -> s.apps().stream().map(a -> app(a, s.budget(a.app()), tag)).toList();
            case INSTANCES -> s.instances().stream()
                    .filter(i -> subject.isEmpty() || i.app().equals(subject) || i.node().equals(subject))
                    .map(i -> instance(i, tag)).toList();
            case ROLLOUTS -> s.rollouts().stream().filter(r -> subject.isEmpty() || r.app().equals(subject))
                    .map(r -> rollout(r, tag)).toList();
            case EVENTS -> s.events().stream().filter(e -> subject.isEmpty() || e.subject().equals(subject))
                    .map(e -> event(e, now, tag)).toList();
            case GRAPH -> s.nodes().stream().filter(n -> n.role().equals("agent"))
                    .map(n -> new Row(n.id(), tag, List.of(n.id()), n.visible() ? Tone.NORMAL : Tone.BAD,
                            Optional.of(new Route(ViewKind.INSTANCES, n.id())))).toList();
            case LOGS -> List.of();
        };
    }

    private static Row node(NodeRow n, int tag) {
        Tone tone = !n.visible() ? Tone.BAD : n.ageMs() > 30_000 ? Tone.WARN : Tone.NORMAL;
        return new Row(n.id(), tag, List.of(n.id(), n.role(), n.visible() ? n.status() : n.status() + "!",
                Formats.percent(n.cpuUsedMilli(), n.cpuTotalMilli()), Formats.percent(n.memoryUsedMb(), n.memoryTotalMb()),
                Integer.toString(n.instances()), Integer.toString(n.ready()), Formats.age(n.ageMs()), n.apiUrl()),
                tone, Optional.of(new Route(ViewKind.INSTANCES, n.id())));
    }

    private static Row app(AppRow a, Optional<BudgetRow> budget, int tag) {
        Tone tone = a.failing() > 0 ? Tone.BAD : a.ready() < a.desired() ? Tone.WARN : Tone.GOOD;
        double ceiling = a.sloP99Ms() > 0 ? a.sloP99Ms() : 0;
        return new Row(a.app(), tag, List.of(a.app(), Long.toString(a.revision()), a.digest(), a.ready() + "/" + a.desired(),
                a.phase(), Formats.rate(a.rps()), Formats.millis(a.p99Ms()), a.sloP99Ms() > 0 ? a.sloP99Ms() + "ms" : "-",
                Formats.sparkline(a.rpsSeries().values(), TREND, 0), Formats.sparkline(a.p99Series().values(), TREND, ceiling),
                Formats.age(a.ageMs()), a.strategy(), budget.map(Tables::budget).orElse("-")),
                tone, Optional.of(new Route(ViewKind.INSTANCES, a.app())));
    }

    /** Balance and burn per hour, and "out" or "short" when the ledger holds the app below what it asks. */
    static String budget(BudgetRow b) {
        String held = b.admitted() >= b.wanted() ? "" : b.reason().startsWith("out of credits") ? " out" : " short";
        return String.format(java.util.Locale.ROOT, "%.2f %.2f/h %d..%d%s", b.balance(), b.burnPerHour(), b.min(), b.max(), held);
    }

    private static Row instance(InstanceRow i, int tag) {
        Tone tone = !i.nodeVisible() ? Tone.MUTED : switch (i.state()) {
            case "READY" -> Tone.GOOD;
            case "FAILED", "CRASH_LOOP" -> Tone.BAD;
            case "STOPPED" -> Tone.MUTED;
            default -> Tone.WARN;
        };
        return new Row(i.id(), tag, List.of(i.id(), i.app(), i.nodeVisible() ? i.node() : i.node() + "?", i.state(),
                Integer.toString(i.restarts()), i.digest(), i.endpoint().isEmpty() ? "-" : i.endpoint(), Formats.age(i.ageMs()),
                i.message()), tone, Optional.of(new Route(ViewKind.LOGS, i.id())));
    }

    private static Row rollout(RolloutRow r, int tag) {
        Tone tone = r.phase().equals("aborted") ? Tone.BAD : r.active() ? Tone.WARN : Tone.NORMAL;
        String step = r.steps() > 0 ? (r.step() + 1) + "/" + r.steps() : "-";
        String note = r.analysis().equals("analysis is off") ? r.reason() : r.analysis() + "; " + r.reason();
        return new Row(r.app(), tag, List.of(r.app(), r.strategy(), r.phase(), step, r.stable(), r.desired(), r.weights(), r.ready(),
                note), tone, Optional.of(new Route(ViewKind.INSTANCES, r.app())));
    }

    private static Row event(AuditEvent e, long now, int tag) {
        Tone tone = switch (e.trust()) {
            case FORGED -> Tone.BAD;
            case VERIFIED -> Tone.GOOD;
            default -> e.kind() == AuditEvent.Kind.COMMAND && e.text().startsWith("refused") ? Tone.BAD : Tone.NORMAL;
        };
        String trust = e.trust() == AuditEvent.Trust.NONE ? "" : e.trust().name().toLowerCase(Locale.ROOT);
        return new Row(e.key(), tag, List.of(Formats.age(now - e.atMs()),
                e.kind().name().toLowerCase(Locale.ROOT), e.subject(), e.signer(), trust, e.text()), tone, Optional.empty());
    }

    private static List<Row> filter(List<Row> rows, String text) {
        if (text.isEmpty()) {
            return rows;
        }
        String needle = text.toLowerCase(Locale.ROOT);
        return rows.stream().filter(r -> r.cells().stream().anyMatch(c -> c.toLowerCase(Locale.ROOT).contains(needle))).toList();
    }

    private static List<Row> order(List<Row> rows, TableState state) {
        if (state.sortColumn() < 0) {
            return rows;
        }
        Comparator<Row> c = Comparator.comparing(r -> r.cells().size() > state.sortColumn() ? r.cells().get(state.sortColumn()) : "",
                Tables::compareCells);
        return rows.stream().sorted(state.descending() ? c.reversed() : c).toList();
    }

    /** Numbers (with a unit suffix such as {@code %}, {@code ms}, {@code /s}) by value, else text. */
    static int compareCells(String a, String b) {
        Double x = leadingNumber(a);
        Double y = leadingNumber(b);
        if (x != null && y != null) {
            return Double.compare(x, y);
        }
        return a.compareToIgnoreCase(b);
    }

    private static Double leadingNumber(String s) {
        int end = 0;
        while (end < s.length() && (Character.isDigit(s.charAt(end)) || s.charAt(end) == '.')) {
            end++;
        }
        if (end == 0) {
            return null;
        }
        try {
            double v = Double.parseDouble(s.substring(0, end));
            return v * UNITS.getOrDefault(s.substring(end), 1.0);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
