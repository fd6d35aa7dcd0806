package io.mycelium.console.fx;

import io.mycelium.console.events.AuditEvent;
import io.mycelium.console.format.Formats;
import io.mycelium.console.model.AccountRow;
import io.mycelium.console.model.AppRow;
import io.mycelium.console.model.ClusterSession;
import io.mycelium.console.model.ClusterSnapshot;
import io.mycelium.console.model.InstanceRow;
import io.mycelium.console.model.LogPane;
import io.mycelium.console.model.NodeRow;
import io.mycelium.console.model.RolloutRow;
import io.mycelium.console.source.ClusterSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javafx.scene.Node;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

/**
 * What is known of the selection: a node's capacity and usage; an app's plan, rollout and revision
 * history; an instance's health, restarts and log tail (follow, search). Rebuilt from each snapshot;
 * the log tail is fetched from the agent that runs the instance, at most once a second while following.
 */
final class SidePanel extends VBox {
    static final long LOG_EVERY_MS = 1000;

    final VBox details = new VBox(3);
    final VBox actions = new VBox(6);
    final TextArea log = new TextArea();
    final CheckBox follow = new CheckBox("follow");
    final TextField logSearch = new TextField();
    private final VBox logBox = new VBox(4);
    private LogPane logs = LogPane.empty("");
    private long logsAt;

    SidePanel() {
        getStyleClass().add("panel");
        setId("side");
        setPrefWidth(380);
        setMinWidth(300);
        log.setId("log");
        log.setEditable(false);
        log.setPrefRowCount(12);
        log.setStyle("-fx-font-family: monospace; -fx-font-size: 11px;");
        follow.setSelected(true);
        logSearch.setId("log-search");
        logSearch.setPromptText("search the log");
        logSearch.textProperty().addListener((o, a, b) -> showLog());
        logBox.getChildren().addAll(section("log tail"), new HBox(8, follow, logSearch), log);
        getChildren().addAll(actions, details);
    }

    static Label section(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("section");
        return l;
    }

    private static Label line(String text) {
        Label l = new Label(text);
        l.setWrapText(true);
        return l;
    }

    private static Label toned(String text, String style) {
        Label l = line(text);
        l.getStyleClass().add(style);
        return l;
    }

    /** Shows {@code sel} as {@code s} has it; {@code source} gives the log tail. */
    void show(Selection sel, ClusterSession session, long nowMs) {
        ClusterSnapshot s = session.snapshot();
        ClusterSource source = session.source();
        Object shown = switch (sel.kind()) {
            case NODE -> s.nodes().stream().filter(n -> n.id().equals(sel.id())).findFirst().<Object>map(n -> List.of(n, s.calls())).orElse(null);
            case NONE, CLUSTER -> overview(s);
            default -> null;
        };
        if (shown != null && sel.equals(shownSelection) && (sameRows(shown, shownRows) || shown.equals(shownRows))) {
            return; // the snapshot shares unchanged rows: nothing on this panel changed
        }
        shownSelection = sel;
        shownRows = shown;
        List<Node> out = new ArrayList<>();
        switch (sel.kind()) {
            case NODE -> s.nodes().stream().filter(n -> n.id().equals(sel.id())).findFirst().ifPresentOrElse(n -> node(n, s, out),
                    () -> out.add(line(sel.id() + " is not in " + s.cluster() + " any more")));
            case APP -> app(sel.id(), s, session.account(sel.id()), out);
            case INSTANCE -> s.instances().stream().filter(i -> i.id().equals(sel.id())).findFirst().ifPresentOrElse(i -> {
                instance(i, out);
                out.add(logBox);
                if (!logs.subject().equals(i.id()) || (follow.isSelected() && nowMs - logsAt >= LOG_EVERY_MS)) {
                    ClusterSource.LogLines l = source.logs(i.node(), i.id(), LogPane.TAIL);
                    logs = new LogPane(i.id(), l.lines(), l.problem(), nowMs);
                    logsAt = nowMs;
                    showLog();
                }
            }, () -> out.add(line(sel.id() + " is gone from " + s.cluster())));
            case NONE, CLUSTER -> {
                out.add(section(s.cluster()));
                out.add(line(s.health().text()));
                out.add(line(s.nodes().size() + " members, " + s.apps().size() + " apps, " + s.instances().size() + " instances"));
                out.add(section("apps"));
                for (AppRow a : s.apps()) {
                    out.add(toned(String.format(java.util.Locale.ROOT, "%-12s %d/%d ready  %s  p99 %s%s", a.app(), a.ready(), a.desired(),
                            Formats.rate(a.rps()), Formats.millis(a.p99Ms()), a.phase().equals("-") ? "" : "  rollout " + a.phase()),
                            a.healthy() ? "ok" : a.failing() > 0 ? "bad" : "warn"));
                }
                calls(s, c -> true, "app-to-app calls (hyphae)", out);
                long lost = s.nodes().stream().filter(n -> !n.visible()).count();
                out.add(section("nodes"));
                out.add(line(s.nodes().size() + " members" + (lost > 0 ? ", " + lost + " not seen" : ", all seen")));
                out.add(section("legend"));
                out.add(toned("\u25cf ready", "ok"));
                out.add(toned("\u25cf starting or draining", "warn"));
                out.add(toned("\u25cf failed, or a node not seen", "bad"));
                out.add(toned("- - calls between apps through the hyphae routers; thicker: more requests/s", "warn"));
                out.add(toned("Click a hub, a hypha or an edge for details; drag to pan, the wheel zooms, f fits, ? lists every key.", "muted"));
            }
        }
        details.getChildren().setAll(out);
    }

    /**
     * What the overview shows, as text: node rows change with every instance, but the overview
     * counts them only, so it is rebuilt when its lines change, not its rows.
     */
    private static List<String> overview(ClusterSnapshot s) {
        List<String> out = new ArrayList<>();
        out.add(s.cluster());
        out.add(s.health().toString());
        out.add(s.nodes().size() + "/" + s.nodes().stream().filter(n -> !n.visible()).count() + "/" + s.apps().size() + "/" + s.instances().size());
        s.apps().forEach(a -> out.add(a.app() + " " + a.ready() + "/" + a.desired() + " " + Formats.rate(a.rps()) + " " + Formats.millis(a.p99Ms())
                + " " + a.phase() + " " + a.healthy() + " " + a.failing()));
        s.calls().forEach(c -> out.add(c.node() + c.app() + Formats.rate(c.rps()) + c.p99Ms()));
        return out;
    }

    private Selection shownSelection;
    private Object shownRows;

    /** Same rows: the very objects (a node row), or lists of the very same objects. */
    private static boolean sameRows(Object a, Object b) {
        if (a instanceof List<?> x && b instanceof List<?> y) {
            if (x.size() != y.size()) {
                return false;
            }
            for (int i = 0; i < x.size(); i++) {
                if (x.get(i) != y.get(i) && !(x.get(i) instanceof io.mycelium.console.model.Health h && h.equals(y.get(i)))) {
                    return false;
                }
            }
            return true;
        }
        return a == b;
    }

    private void showLog() {
        List<String> lines = logs.search(logSearch.getText());
        String text = logs.problem().isEmpty() ? String.join("\n", lines) : logs.problem() + "\n" + String.join("\n", lines);
        if (!text.equals(log.getText())) {
            log.setText(text);
            log.positionCaret(text.length());
        }
    }

    /** The hyphae calls that {@code matches} selects, one line each ({@code caller -> app  rate, p99}); nothing when none. */
    private static void calls(ClusterSnapshot s, java.util.function.Predicate<io.mycelium.console.model.CallRow> matches, String title,
                              List<Node> out) {
        List<io.mycelium.console.model.CallRow> rows = s.calls().stream().filter(matches).toList();
        if (rows.isEmpty()) {
            return;
        }
        out.add(section(title));
        rows.forEach(c -> out.add(line(c.node() + " \u2192 " + c.app() + "  " + Formats.rate(c.rps())
                + (c.p99Ms() >= 0 ? ", p99 " + Formats.millis(c.p99Ms()) : ""))));
    }

    private static void node(NodeRow n, ClusterSnapshot s, List<Node> out) {
        out.add(section("node " + n.id()));
        out.add(line(n.role() + ", " + n.status() + (n.visible() ? "" : " (not seen by this console)")));
        out.add(line("api " + (n.apiUrl().isEmpty() ? "-" : n.apiUrl())));
        out.add(bar("cpu", n.cpuUsedMilli(), n.cpuTotalMilli(), " milli"));
        out.add(bar("memory", n.memoryUsedMb(), n.memoryTotalMb(), " MiB"));
        out.add(line(n.instances() + " instances, " + n.ready() + " ready"));
        out.add(line("labels " + (n.labels().isEmpty() ? "-" : n.labels())));
        out.add(toned("newest record " + Formats.age(n.ageMs()) + " ago", "muted"));
        calls(s, c -> c.node().equals(n.id()), "calls from its workloads (hyphae)", out);
    }

    private static Node bar(String what, long used, long total, String unit) {
        ProgressBar b = new ProgressBar(total <= 0 ? 0 : (double) used / total);
        b.setPrefWidth(140);
        return new HBox(8, new Label(String.format("%-7s", what)), b, new Label(used + " of " + total + unit + " (" + Formats.percent(used, total) + ")"));
    }

    private static void app(String app, ClusterSnapshot s, Optional<AccountRow> account, List<Node> out) {
        Optional<AppRow> row = s.apps().stream().filter(a -> a.app().equals(app)).findFirst();
        if (row.isEmpty()) {
            out.add(line("app " + app + " has no plan in " + s.cluster()));
            return;
        }
        AppRow a = row.get();
        out.add(section("app " + a.app()));
        out.add(toned(a.ready() + "/" + a.desired() + " ready, " + a.failing() + " failing", a.healthy() ? "ok" : a.failing() > 0 ? "bad" : "warn"));
        out.add(line("plan revision " + a.revision() + ": " + a.desired() + " x " + a.digest() + ", strategy " + a.strategy()));
        out.add(line("traffic " + Formats.rate(a.rps()) + ", p99 " + Formats.millis(a.p99Ms()) + (a.sloP99Ms() > 0 ? " (SLO " + a.sloP99Ms() + " ms)" : "")));
        calls(s, c -> c.app().equals(app), "calls to " + app + " through the hyphae", out);
        s.rollouts().stream().filter(r -> r.app().equals(app)).findFirst().ifPresent(r -> rollout(r, out));
        budget(account, out);
        out.add(section("revision history"));
        int n = 0;
        for (AuditEvent e : s.events()) {
            if (e.subject().equals(app) && (e.kind() == AuditEvent.Kind.PLAN || e.kind() == AuditEvent.Kind.ROLLOUT) && n++ < 8) {
                out.add(toned(e.text() + (e.signer().isEmpty() ? "" : "  [" + e.signer() + ", " + e.trust().name().toLowerCase() + "]"), "muted"));
            }
        }
    }

    /** The app's budget: balance, burn, time to empty, its instance range; or how to give it one. */
    private static void budget(Optional<AccountRow> account, List<Node> out) {
        out.add(section("budget"));
        if (account.isEmpty()) {
            out.add(toned("no budget: it runs unmetered at priority 0 (mesh budget set APP --credits N)", "muted"));
            return;
        }
        AccountRow a = account.get();
        Label balance = toned(String.format(java.util.Locale.ROOT, "balance %.2f of %.2f credits (%.2f spent)", a.balance(), a.granted(), a.spent()),
                a.canPay() ? "ok" : "bad");
        balance.setId("budget-balance");
        out.add(balance);
        out.add(line(String.format(java.util.Locale.ROOT, "burn %.3f credits/h, %s", a.burnPerHour(),
                Double.isInfinite(a.hoursToEmpty()) ? "never runs out at this rate"
                        : a.hoursToEmpty() <= 0 ? "out of credits: held at its minimum" : String.format(java.util.Locale.ROOT, "empty in %.1f h", a.hoursToEmpty()))));
        out.add(line("instances " + a.min() + ".." + a.max() + ", priority " + a.priority()));
    }

    private static void rollout(RolloutRow r, List<Node> out) {
        out.add(section("rollout"));
        Label phase = toned(r.strategy() + ", " + r.phase() + (r.steps() > 0 ? ", step " + (r.step() + 1) + "/" + r.steps() + " " + r.stepName() : ""),
                r.active() ? "warn" : "ok");
        phase.setId("rollout-phase");
        out.add(phase);
        if (r.steps() > 0) {
            ProgressBar p = new ProgressBar((double) (r.step() + (r.active() ? 0 : 1)) / r.steps());
            p.setPrefWidth(240);
            out.add(p);
        }
        out.add(line("stable " + r.stable() + " -> desired " + r.desired()));
        out.add(line("weights " + (r.weights().isEmpty() ? "-" : r.weights())));
        out.add(line("ready " + (r.ready().isEmpty() ? "-" : r.ready())));
        out.add(line("analysis " + r.analysis()));
        if (!r.reason().isEmpty()) {
            out.add(toned(r.reason(), "muted"));
        }
    }

    private static void instance(InstanceRow i, List<Node> out) {
        out.add(section("instance " + i.id()));
        out.add(toned(i.state() + ", " + i.restarts() + " restarts", i.state().equals("READY") ? "ok" : i.state().contains("FAIL") || i.state().contains("CRASH") ? "bad" : "warn"));
        out.add(line("app " + i.app() + ", slot " + i.slot() + " on " + i.node() + (i.nodeVisible() ? "" : " (node not seen)")));
        out.add(line("revision " + i.digest()));
        out.add(line("endpoint " + (i.endpoint().isEmpty() ? "-" : i.endpoint())));
        if (!i.message().isEmpty()) {
            out.add(toned(i.message(), "bad"));
        }
        out.add(toned("record " + Formats.age(i.ageMs()) + " old", "muted"));
    }
}
