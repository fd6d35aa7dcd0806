package io.mycelium.console.model;

import io.mycelium.client.explain.PlanPreview;

import io.mycelium.console.command.CommandParser;
import io.mycelium.console.command.CommandParser.ParseException;
import io.mycelium.console.command.Completer;
import io.mycelium.console.command.ParsedCommand;
import io.mycelium.console.command.RolloutAction;
import io.mycelium.console.command.Vocabulary;
import io.mycelium.console.form.PlanDraft;
import io.mycelium.console.source.ClusterSource.LogLines;
import io.mycelium.console.view.Navigator;
import io.mycelium.console.view.Route;
import io.mycelium.console.view.Table;
import io.mycelium.console.view.TableState;
import io.mycelium.console.view.Tables;
import io.mycelium.console.view.ViewKind;
import io.mycelium.fabric.model.Plan;
import io.mycelium.spore.digest.Digest;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * What a console draws and calls: the open clusters (one current, or all merged), navigation, the
 * current table, logs, help, and the {@code :commands}. Confined to the console's thread (sources
 * only mark sessions stale from theirs); {@link #refresh} is called by the console's loop.
 */
public final class ConsoleModel {
    /** Ages on screen advance once a second even when nothing changes. */
    static final long TICK_MS = 1000;

    private final List<ClusterSession> sessions;
    private final boolean readonly;
    private final LongSupplier clock;
    private final Operations operations;
    private final Navigator navigator = new Navigator(Route.of(ViewKind.GRAPH));
    private int current;
    private boolean merged;
    private long lastTick;
    private LogPane logs = LogPane.empty("");
    private Supplier<CommandResult> pending;
    private String pendingText = "";
    private PlanDraft form;

    public ConsoleModel(List<ClusterSession> sessions, boolean readonly, LongSupplier clock) {
        if (sessions.isEmpty()) {
            throw new IllegalArgumentException("a console needs at least one cluster");
        }
        this.sessions = List.copyOf(sessions);
        this.readonly = readonly;
        this.clock = Objects.requireNonNull(clock, "clock");
        this.operations = new Operations(clock);
    }

    public List<ClusterSession> sessions() {
        return sessions;
    }

    public ClusterSession current() {
        return sessions.get(current);
    }

    public boolean merged() {
        return merged;
    }

    /** Read-only: started so, or no open cluster has an operator key. */
    public boolean readonly() {
        return readonly || sessions.stream().allMatch(s -> s.source().operator().isEmpty());
    }

    public Navigator navigator() {
        return navigator;
    }

    /** The snapshots the views show: the current cluster's, or every cluster's when merged. */
    public List<ClusterSnapshot> shown() {
        return merged ? sessions.stream().map(ClusterSession::snapshot).toList() : List.of(current().snapshot());
    }

    /** The current view's table (filtered, sorted). */
    public Table table() {
        return Tables.of(navigator.route(), shown(), navigator.state());
    }

    public LogPane logs() {
        return logs;
    }

    /**
     * Rebuilds what changed: sessions whose source moved, and any session whose snapshot is a
     * second old (ages advance; a cluster that changes every second is never rebuilt twice for
     * it), the followed logs once a second. True if the screen should be redrawn.
     */
    public boolean refresh() {
        long now = clock.getAsLong();
        boolean tick = now - lastTick >= TICK_MS;
        if (tick) {
            lastTick = now;
        }
        sessions.forEach(s -> s.touchIfOlder(now, TICK_MS));
        boolean changed = false;
        for (ClusterSession s : sessions) {
            changed |= s.refresh(now);
        }
        if (navigator.route().view() == ViewKind.LOGS && (tick || !logs.subject().equals(navigator.route().subject()))) {
            logs = fetchLogs(navigator.route().subject(), now);
            changed = true;
        }
        return changed;
    }

    /** How long a console may wait for input or a fabric change before {@link #refresh} has something due (ages, logs). */
    public long msUntilDue() {
        long now = clock.getAsLong();
        long due = lastTick + TICK_MS;
        for (ClusterSession s : sessions) {
            due = Math.min(due, s.dueAt());
        }
        return Math.max(1, due - now);
    }

    public void nextCluster() {
        merged = false;
        current = (current + 1) % sessions.size();
    }

    public void toggleMerged() {
        merged = !merged && sessions.size() > 1;
    }

    /** Goes where enter leads from the selected row, if anywhere. */
    public boolean drill() {
        Optional<Route> to = navigator.selectedRow(table()).flatMap(Table.Row::drill);
        to.ifPresent(navigator::go);
        return to.isPresent();
    }

    /** The selected row's key, empty when the table is empty. */
    public Optional<String> selectedKey() {
        return navigator.selectedRow(table()).map(r -> merged ? r.key().substring(r.key().indexOf('/') + 1) : r.key());
    }

    /** The app the selected row is about (an app row, an instance's app, a rollout), if any. */
    public Optional<String> selectedApp() {
        Optional<String> key = selectedKey();
        if (key.isEmpty()) {
            return Optional.empty();
        }
        return switch (navigator.route().view()) {
            case APPS, ROLLOUTS -> key;
            case INSTANCES -> shown().stream().flatMap(s -> s.instances().stream()).filter(i -> i.id().equals(key.get()))
                    .map(InstanceRow::app).findFirst();
            default -> Optional.empty();
        };
    }

    public List<String> describe() {
        Optional<String> key = selectedKey();
        if (key.isEmpty()) {
            return List.of("nothing selected");
        }
        ClusterSession s = sessionOfSelection();
        return Describe.of(navigator.route().view(), key.get(), s.snapshot(), s.view());
    }

    private ClusterSession sessionOfSelection() {
        if (!merged) {
            return current();
        }
        return navigator.selectedRow(table()).map(r -> sessions.get(r.clusterTag())).orElse(current());
    }

    public Vocabulary vocabulary() {
        TreeSet<String> apps = new TreeSet<>();
        TreeSet<String> instances = new TreeSet<>();
        TreeSet<String> nodes = new TreeSet<>();
        for (ClusterSnapshot s : shown()) {
            s.apps().forEach(a -> apps.add(a.app()));
            s.instances().forEach(i -> instances.add(i.id()));
            s.nodes().forEach(n -> nodes.add(n.id()));
        }
        TreeSet<String> digests = new TreeSet<>();
        for (ClusterSession session : sessions) {
            io.mycelium.fabric.ClusterView v = session.view();
            v.plans().values().forEach(p -> digests.add(p.digest().toString()));
            session.snapshot().instances().forEach(i -> digests.add(i.digest()));
            session.snapshot().nodes().forEach(n -> v.holdings(n.id()).ifPresent(h -> h.spores().forEach(d -> digests.add(d.toString()))));
        }
        digests.removeIf(d -> !d.startsWith("sha256:"));
        return new Vocabulary(apps, instances, nodes, sessions.stream().map(ClusterSession::name).toList(),
                table().columns().stream().map(Table.Column::name).toList(), digests);
    }

    public Completer.Completion complete(String line) {
        return Completer.complete(line, vocabulary(), readonly());
    }

    /** Runs a {@code :command} line. */
    public CommandResult run(String line) {
        ParsedCommand c;
        try {
            c = CommandParser.parse(line, readonly());
        } catch (ParseException e) {
            return CommandResult.failed(e.getMessage());
        }
        return switch (c.spec().name()) {
            case "graph", "nodes", "apps", "instances", "rollouts", "events", "logs" -> navigate(c);
            case "cluster" -> cluster(c.arg(0));
            case "filter" -> {
                navigator.state(navigator.state().withFilter(c.arg(0)));
                yield CommandResult.ok(c.arg(0).isEmpty() ? "filter cleared" : "filter: " + c.arg(0));
            }
            case "sort" -> sort(c.arg(0));
            case "help" -> new CommandResult(CommandResult.Status.HELP, "", Optional.empty());
            case "quit" -> new CommandResult(CommandResult.Status.QUIT, "", Optional.empty());
            case "scale" -> scale(c.arg(0), Integer.parseInt(c.arg(1)));
            case "apply" -> operations.apply(current(), Path.of(c.arg(0)));
            case "publish" -> operations.publish(current(), Path.of(c.arg(0)));
            case "plan" -> openForm(c.arg(0));
            case "stop", "restart" -> instanceAction(c.spec().name(), c.arg(0));
            case "rollout" -> rollout(RolloutAction.parse(c.arg(0)).orElseThrow(), c.arg(1),
                    c.arg(2).isEmpty() ? Optional.empty() : Optional.of(Digest.parse(c.arg(2))));
            default -> CommandResult.failed(":" + c.spec().name() + " is not handled by this console");
        };
    }

    /** Signs and submits {@code plan} to the current cluster (a plan built in a form). */
    public CommandResult apply(Plan plan) {
        if (readonly()) {
            return CommandResult.failed("this console is read-only: start it with --key operator.key to apply plans");
        }
        return operations.apply(current(), plan);
    }

    /** The plan being typed in the form, empty when no form is open. */
    public Optional<PlanDraft> form() {
        return Optional.ofNullable(form);
    }

    /** Replaces the form's draft (a key typed into a field). */
    public void editForm(PlanDraft draft) {
        form = Objects.requireNonNull(draft, "draft");
    }

    public void closeForm() {
        form = null;
    }

    /**
     * Submits the form: an invalid draft is refused with its first problem (the form stays open);
     * a valid one asks to confirm, then is signed and applied with the spore manifest's nutrients.
     */
    public CommandResult submitForm() {
        if (form == null) {
            return CommandResult.failed("no plan form is open: :plan [APP] opens one");
        }
        ClusterSession s = current();
        Plan plan;
        try {
            plan = form.plan(s.view().plan(form.app().strip()));
        } catch (IllegalArgumentException e) {
            return CommandResult.failed(e.getMessage());
        }
        form = null;
        pendingText = "apply plan " + plan.app() + ": " + plan.instances() + " x " + plan.digest().shortForm() + ", strategy "
                + plan.strategy().kind().flag() + " in " + s.name();
        pending = () -> operations.applyFilled(s, plan, Optional.empty());
        return new CommandResult(CommandResult.Status.CONFIRM, pendingText + "? (signed with " + s.snapshot().operator() + ") y/n",
                Optional.empty());
    }

    private CommandResult openForm(String app) {
        if (app.isEmpty()) {
            app = selectedApp().orElse("");
        }
        Optional<Plan> plan = app.isEmpty() ? Optional.empty() : current().view().plan(app);
        form = plan.map(PlanDraft::of).orElse(PlanDraft.empty().with(PlanDraft.Field.APP, app));
        return new CommandResult(CommandResult.Status.FORM, plan.isPresent() ? "plan form: " + app + "'s plan" : "plan form: a new plan",
                Optional.empty());
    }

    /** Runs (yes) or drops (no) the command waiting for a confirmation. */
    public CommandResult confirm(boolean yes) {
        Supplier<CommandResult> p = pending;
        String what = pendingText;
        pending = null;
        pendingText = "";
        if (p == null) {
            return CommandResult.failed("nothing waits for a confirmation");
        }
        return yes ? p.get() : CommandResult.ok("cancelled: " + what);
    }

    /**
     * Scaling asks first, with what the new count would cost per hour at full use against the budget
     * and what would not run ({@link PlanPreview}, the agents' own placement); a count that changes
     * nothing, an app without a plan or a cluster the console cannot reach answers at once.
     */
    private CommandResult scale(String app, int instances) {
        ClusterSession s = current();
        Optional<Plan> plan = s.view().plan(app);
        if (plan.isEmpty() || plan.get().instances() == instances || !s.source().connected()) {
            return operations.scale(s, app, instances); // it answers at once: no plan, nothing to change, or no member reachable
        }
        PlanPreview.Preview p = PlanPreview.of(s.view(), plan.get().withInstances(instances));
        pendingText = "scale " + app + " " + plan.get().instances() + " -> " + instances + " in " + s.name();
        pending = () -> operations.scale(s, app, instances);
        return new CommandResult(CommandResult.Status.CONFIRM, pendingText + ": " + p.summary() + "? y/n", Optional.empty());
    }

    private CommandResult rollout(RolloutAction action, String app, Optional<Digest> target) {
        ClusterSession s = current();
        if (action == RolloutAction.START) {
            Optional<String> cost = operations.rolloutCost(s, app, target);
            if (cost.isPresent()) {
                pendingText = "rollout start " + app + " -> " + target.orElseThrow().shortForm() + " in " + s.name();
                pending = () -> operations.rollout(s, action, app, target);
                return new CommandResult(CommandResult.Status.CONFIRM, pendingText + ": " + cost.get() + "? y/n", Optional.empty());
            }
            return operations.rollout(s, action, app, target); // it says why it cannot start
        }
        if (action.destructive()) {
            pendingText = "rollout " + action.word() + " " + app + " in " + s.name();
            pending = () -> operations.rollout(s, action, app, target);
            return new CommandResult(CommandResult.Status.CONFIRM, pendingText + "? (" + action.help() + ") y/n", Optional.empty());
        }
        return operations.rollout(s, action, app, target);
    }

    /** Stop and restart always ask first: both interrupt the instance's work. */
    private CommandResult instanceAction(String action, String id) {
        ClusterSession s = current();
        Optional<InstanceRow> row = s.snapshot().instances().stream().filter(i -> i.id().equals(id)).findFirst();
        if (row.isEmpty()) {
            return CommandResult.failed("no instance '" + id + "' in " + s.name() + ": see :instances (tab completes ids)");
        }
        String node = row.get().node();
        pendingText = action + " " + id + " on " + node + " in " + s.name();
        pending = () -> operations.instance(s, action, row.get());
        String what = action.equals("stop") ? "a fresh instance replaces it" : "same node and port, counted as a restart";
        return new CommandResult(CommandResult.Status.CONFIRM, pendingText + "? (" + what + ") y/n", Optional.empty());
    }

    private CommandResult navigate(ParsedCommand c) {
        ViewKind v = ViewKind.valueOf(c.spec().name().toUpperCase(Locale.ROOT));
        Route r = new Route(v, c.arg(0));
        navigator.jump(r);
        return CommandResult.go(r);
    }

    private CommandResult cluster(String name) {
        if (name.equals("all")) {
            merged = sessions.size() > 1;
            return CommandResult.ok(merged ? "all " + sessions.size() + " clusters merged" : "only one cluster is open");
        }
        for (int i = 0; i < sessions.size(); i++) {
            if (sessions.get(i).name().equals(name)) {
                current = i;
                merged = false;
                return CommandResult.ok("cluster " + name);
            }
        }
        return CommandResult.failed("no open cluster named '" + name + "': open are "
                + String.join(", ", sessions.stream().map(ClusterSession::name).toList()) + " (start mesh tui with one --join per cluster)");
    }

    private CommandResult sort(String column) {
        List<Table.Column> cols = table().columns();
        for (int i = 0; i < cols.size(); i++) {
            if (cols.get(i).name().toLowerCase(Locale.ROOT).replace(' ', '-').equals(column.toLowerCase(Locale.ROOT))) {
                navigator.state(navigator.state().sortedBy(i));
                return CommandResult.ok("sorted by " + cols.get(i).name() + (navigator.state().descending() ? " (descending)" : ""));
            }
        }
        return CommandResult.failed("no column '" + column + "' here: one of "
                + String.join(", ", cols.stream().map(c -> c.name().toLowerCase(Locale.ROOT).replace(' ', '-')).toList()));
    }

    /** Sorts by the column after the current sort column (the {@code o} key). */
    public void sortNext() {
        TableState s = navigator.state();
        int n = table().columns().size();
        navigator.state(new TableState(s.filter(), (s.sortColumn() + 1) % n, false));
    }

    public void sortFlip() {
        TableState s = navigator.state();
        navigator.state(new TableState(s.filter(), Math.max(0, s.sortColumn()), !s.descending()));
    }

    private LogPane fetchLogs(String subject, long now) {
        ClusterSession s = current();
        List<InstanceRow> targets = s.snapshot().instances().stream()
                .filter(i -> i.id().equals(subject) || i.app().equals(subject)).toList();
        if (targets.isEmpty()) {
            return new LogPane(subject, List.of(), "no instance or app named '" + subject + "' in " + s.name(), now);
        }
        boolean many = targets.size() > 1;
        List<String> lines = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (InstanceRow i : targets) {
            LogLines l = s.source().logs(i.node(), i.id(), many ? LogPane.TAIL / targets.size() : LogPane.TAIL);
            l.lines().forEach(line -> lines.add(many ? i.id() + " | " + line : line));
            if (!l.problem().isEmpty()) {
                problems.add(l.problem());
            }
        }
        return new LogPane(subject, lines, String.join("; ", problems), now);
    }
}
