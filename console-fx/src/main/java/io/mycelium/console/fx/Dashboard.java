package io.mycelium.console.fx;

import io.mycelium.console.command.HelpTable;
import io.mycelium.console.command.RolloutAction;
import io.mycelium.console.fx.GraphScene.Grouping;
import io.mycelium.console.model.AppRow;
import io.mycelium.console.model.ClusterSession;
import io.mycelium.console.model.ClusterSnapshot;
import io.mycelium.console.model.CommandResult;
import io.mycelium.console.model.ConsoleModel;
import io.mycelium.console.model.InstanceRow;
import io.mycelium.console.series.Series;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.LongSupplier;
import javafx.animation.AnimationTimer;
import javafx.collections.FXCollections;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextField;
import javafx.scene.control.TextInputControl;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * The desktop dashboard on one {@link ConsoleModel}: header (cluster switcher, health, grouping,
 * search, theme, the {@code :command} line), the graph with the selection's side panel, and below
 * charts, events, the plan form and the help. The model is refreshed and the graph's scene worked
 * out on a thread of their own; an animation timer takes the newest on the FX thread and paints the
 * graph when it moved.
 */
public final class Dashboard {
    static final String ALL = "all clusters";

    private final ConsoleModel model;
    private final LongSupplier clock;
    private final BorderPane root = new BorderPane();
    final GraphView graph = new GraphView();
    final SidePanel side = new SidePanel();
    final ChartsPane charts = new ChartsPane();
    final EventsPane events = new EventsPane();
    final PlanForm planForm = new PlanForm();
    final PublishForm publishForm = new PublishForm();
    final ConfirmBar confirm = new ConfirmBar(this::report);
    final ComboBox<String> clusters = new ComboBox<>();
    final ChoiceBox<Grouping> grouping = new ChoiceBox<>(FXCollections.observableArrayList(Grouping.values()));
    final TextField search = new TextField();
    final TextField command = new TextField();
    final Label health = new Label();
    final Label status = new Label();
    final Label fps = new Label();
    final TabPane bottom = new TabPane();
    final Button themeButton = new Button();
    private final Tab helpTab = new Tab("Help");
    private final Tab chartsTab = new Tab("Charts");
    private final Tab eventsTab = new Tab("Events (audit trail)");
    private Theme theme;
    private Selection selection = Selection.NONE;
    private Scene scene;
    private Runnable onQuit = () -> { };
    private final AnimationTimer timer;
    static final long REFRESH_MS = 20;
    static final long PANELS_MS = 250;
    private java.util.concurrent.ScheduledExecutorService refresher;
    private List<ClusterSnapshot> lastShown = List.of();
    /** The newest snapshots and their graph scene, worked out on the refresh thread; the FX thread takes them. */
    private volatile Prepared prepared;

    private record Prepared(List<ClusterSnapshot> shown, GraphScene scene) {
    }
    private boolean panelsDue;
    private long panelsAt;
    private long changeSeenNanos;
    private final FrameStats stats = new FrameStats();

    public Dashboard(ConsoleModel model, Theme theme, LongSupplier clock) {
        this.model = Objects.requireNonNull(model, "model");
        this.theme = Objects.requireNonNull(theme, "theme");
        this.clock = Objects.requireNonNull(clock, "clock");
        build();
        timer = new AnimationTimer() {
            @Override
            public void handle(long now) {
                frame(now);
            }
        };
    }

    /** The scene of the dashboard at {@code width} x {@code height}, created once. */
    public Scene scene(double width, double height) {
        if (scene == null) {
            scene = new Scene(root, width, height);
            javafx.application.Application.setUserAgentStylesheet(theme.userAgentStylesheet());
            scene.getStylesheets().setAll(theme.stylesheet());
            scene.addEventFilter(KeyEvent.KEY_PRESSED, this::key);
        }
        return scene;
    }

    public Parent root() {
        return root;
    }

    /**
     * Starts refreshing the model on its own thread ({@code fx-model-refresh}, every
     * {@value #REFRESH_MS} ms: a rebuild of a big cluster must not hold up a frame) and painting
     * once per frame. Every call into the model holds its lock, so the model stays confined to one
     * thread at a time.
     */
    public void start() {
        if (refresher == null) {
            refresher = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "fx-model-refresh");
                t.setDaemon(true);
                return t;
            });
            refresher.scheduleWithFixedDelay(() -> {
                try {
                    prepare();
                } catch (RuntimeException e) {
                    javafx.application.Platform.runLater(() -> status.setText("refresh failed: " + e.getMessage()));
                }
            }, 0, REFRESH_MS, java.util.concurrent.TimeUnit.MILLISECONDS);
        }
        timer.start();
    }

    public void stop() {
        timer.stop();
        if (refresher != null) {
            refresher.shutdownNow();
            refresher = null;
        }
    }

    public void onQuit(Runnable r) {
        onQuit = Objects.requireNonNull(r, "r");
    }

    public FrameStats stats() {
        return stats;
    }

    /**
     * Refreshes the model and, when the shown snapshots changed, works out their graph scene, for
     * the next frame to take. On the refresh thread (or the FX thread when none runs).
     */
    private void prepare() {
        List<ClusterSnapshot> shown;
        synchronized (model) {
            model.refresh();
            shown = model.shown();
        }
        Prepared last = prepared;
        Grouping by = graph.group();
        if (last == null || !same(shown, last.shown()) || last.scene().grouping() != by) {
            prepared = new Prepared(shown, GraphScene.of(shown, by, GraphView.SIMPLIFY_ABOVE));
        }
    }

    /**
     * One frame: take the newest snapshots and their scene (refreshing the model here only when no
     * refresh thread runs, as for a headless snapshot), give the graph what changed, the panels at
     * most every {@value #PANELS_MS} ms, and paint the graph if it moved.
     */
    void frame(long nowNanos) {
        long t0 = System.nanoTime();
        if (refresher == null) {
            prepare();
        }
        Prepared p = prepared;
        boolean changed = p != null && !same(p.shown(), lastShown);
        if (changed) {
            lastShown = p.shown();
            graph.show(p.scene().grouping() == graph.group() ? p.scene() : scene(lastShown), clock.getAsLong());
            panelsDue = true;
        }
        if (panelsDue && nowNanos - panelsAt >= PANELS_MS * 1_000_000L) {
            panelsAt = nowNanos;
            panelsDue = false;
            panels();
        }
        boolean painted = graph.paint(clock.getAsLong());
        stats.frame(nowNanos, changed, painted, System.nanoTime() - t0);
        String rate = stats.fps() > 0 ? String.format("%.0f fps", stats.fps()) : "";
        if (!rate.equals(fps.getText())) {
            fps.setText(rate);
        }
    }

    /** Marks when a change entered the source (for the change-to-frame latency the benchmark reports). */
    void changeAt(long nanos) {
        changeSeenNanos = nanos;
    }

    long changeSeenNanos() {
        return changeSeenNanos;
    }

    /** The snapshots the last frame drew. FX thread. */
    List<ClusterSnapshot> drawn() {
        return lastShown;
    }

    private GraphScene scene(List<ClusterSnapshot> shown) {
        return GraphScene.of(shown, graph.group(), GraphView.SIMPLIFY_ABOVE);
    }

    private void build() {
        root.getStyleClass().add("dashboard");
        Label title = new Label("Mycelium");
        title.getStyleClass().add("title");
        clusters.setId("clusters");
        for (ClusterSession s : model.sessions()) {
            clusters.getItems().add(s.name());
        }
        if (model.sessions().size() > 1) {
            clusters.getItems().add(ALL);
        }
        clusters.getSelectionModel().select(0);
        clusters.setOnAction(e -> {
            String c = clusters.getValue();
            if (c != null) {
                report(locked(() -> model.run(":cluster " + (c.equals(ALL) ? "all" : c))));
                update();
            }
        });
        grouping.setId("grouping");
        grouping.setValue(Grouping.NODE);
        grouping.setConverter(new javafx.util.StringConverter<>() {
            @Override
            public String toString(Grouping b) {
                return b == null ? "" : "group by " + b.word();
            }

            @Override
            public Grouping fromString(String s) {
                return Grouping.valueOf(s.replace("group by ", "").toUpperCase(java.util.Locale.ROOT));
            }
        });
        grouping.setOnAction(e -> {
            graph.group(grouping.getValue());
            graph.show(scene(lastShown), clock.getAsLong());
        });
        search.setId("search");
        search.setPromptText("/ search nodes, apps, instances");
        search.textProperty().addListener((o, a, b) -> graph.search(b));
        search.setOnAction(e -> select(graph.findFirst()));
        command.setId("command");
        command.setPromptText(": command (apps, scale billing 3, rollout promote billing, help)");
        command.setPrefColumnCount(26);
        command.setOnAction(e -> {
            String line = command.getText();
            command.clear();
            run(line);
        });
        themeButton.setId("theme");
        themeButton.setOnAction(e -> theme(theme.other()));
        themeButton.setText(theme.other().name().toLowerCase(java.util.Locale.ROOT) + " theme");
        Button fit = new Button("fit");
        fit.setOnAction(e -> graph.fit());
        health.setId("health");
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        HBox header = new HBox(10, title, clusters, health, grow, grouping, search, fit, themeButton);
        header.getStyleClass().add("header");
        header.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        root.setTop(new VBox(header, confirm));

        graph.onSelect(this::select);
        ScrollPane sideScroll = new ScrollPane(side);
        sideScroll.setFitToWidth(true);
        SplitPane center = new SplitPane(graph, sideScroll);
        center.setDividerPositions(0.7);
        SplitPane.setResizableWithParent(sideScroll, false);

        bottom.setId("bottom");
        bottom.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        chartsTab.setContent(charts);
        eventsTab.setContent(events);
        Tab planTab = new Tab("Apply a plan", padded(planForm));
        planTab.setId("plan-tab");
        Tab publishTab = new Tab("Publish a spore", padded(publishForm));
        publishTab.setId("publish-tab");
        ListView<String> help = new ListView<>(FXCollections.observableArrayList(HelpTable.text(model.readonly())));
        help.setStyle("-fx-font-family: monospace;");
        helpTab.setContent(help);
        bottom.getTabs().addAll(chartsTab, eventsTab);
        if (!model.readonly()) {
            bottom.getTabs().addAll(planTab, publishTab);
        }
        bottom.getTabs().add(helpTab);
        bottom.getSelectionModel().selectedItemProperty().addListener((o, a, b) -> panels());
        bottom.setPrefHeight(250);
        bottom.setMinHeight(200);

        SplitPane body = new SplitPane(center, bottom);
        body.setOrientation(Orientation.VERTICAL);
        body.setDividerPositions(0.7);
        root.setCenter(body);

        status.setId("status");
        Region sgrow = new Region();
        HBox.setHgrow(sgrow, Priority.ALWAYS);
        HBox statusBar = new HBox(10, command, status, sgrow, fps);
        statusBar.getStyleClass().add("status");
        statusBar.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        root.setBottom(statusBar);

        planForm.apply.setOnAction(e -> planForm.plan().ifPresent(p -> confirm.ask(
                "Apply plan " + p.app() + ": " + p.instances() + " x " + p.digest().shortForm() + " to " + model.current().name()
                        + ", signed with " + model.current().snapshot().operator() + "?", () -> locked(() -> model.apply(p)))));
        publishForm.publish.setOnAction(e -> {
            java.nio.file.Path f = publishForm.path();
            if (f != null) {
                confirm.ask("Publish " + f.getFileName() + " to a live agent of " + model.current().name() + ", signed with "
                        + model.current().snapshot().operator() + "?", () -> locked(() -> model.run(":publish " + f)));
            }
        });
        planForm.applyFile.setOnAction(e -> {
            String f = planForm.file.getText().strip();
            confirm.ask("Apply the plan in " + f + " to " + model.current().name() + "?", () -> locked(() -> model.run(":apply " + f)));
        });
        update();
    }

    private static javafx.scene.Node padded(Region r) {
        VBox b = new VBox(r);
        b.setPadding(new Insets(8));
        return b;
    }

    private static boolean same(List<ClusterSnapshot> a, List<ClusterSnapshot> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            if (a.get(i) != b.get(i)) {
                return false;
            }
        }
        return true;
    }

    /** Redraws everything from the model's current snapshots (after an action or a switch). */
    void update() {
        synchronized (model) {
            lastShown = model.shown();
        }
        GraphScene now = scene(lastShown);
        prepared = new Prepared(lastShown, now);
        graph.show(now, clock.getAsLong());
        panels();
    }

    private void panels() {
        long now = clock.getAsLong();
        List<ClusterSnapshot> shown = lastShown;
        ClusterSnapshot s = sessionOf(selection).snapshot();
        health.setText(model.merged() ? shown.size() + " clusters merged" : s.health().level().name().toLowerCase(java.util.Locale.ROOT)
                + ": " + s.health().text() + (s.readonly() ? "  (read-only)" : "  (signing as " + s.operator() + ")"));
        List<String> healthStyle = List.of("label", switch (s.health().level()) {
            case OK -> "ok";
            case DEGRADED -> "warn";
            default -> "bad";
        });
        if (!health.getStyleClass().equals(healthStyle)) {
            health.getStyleClass().setAll(healthStyle); // a style class set again, even the same, re-applies CSS
        }
        side.show(selection, sessionOf(selection), now);
        actions(s);
        // the charts and the events are drawn only while their tab shows (a table re-laid out 4 times a second behind another tab costs frames)
        Tab open = bottom.getSelectionModel().getSelectedItem();
        if (open == chartsTab) {
            Optional<AppRow> app = appInFocus(s);
            charts.show(app.orElse(null), app.map(a -> series(Series.restarts(a.app()))).orElse(Series.EMPTY),
                    app.map(a -> series(Series.burn(a.app()))).orElse(Series.EMPTY));
        } else if (open == eventsTab) {
            events.show(shown.stream().flatMap(x -> x.events().stream()).sorted((a, b) -> Long.compare(b.atMs(), a.atMs())).toList(), now);
        }
    }

    private Series series(String name) {
        return model.current().series(name);
    }

    private ClusterSession sessionOf(Selection sel) {
        if (!model.merged() || sel.kind() == Selection.Kind.NONE) {
            return model.current();
        }
        for (ClusterSession c : model.sessions()) {
            ClusterSnapshot s = c.snapshot();
            boolean has = switch (sel.kind()) {
                case NODE -> s.nodes().stream().anyMatch(n -> n.id().equals(sel.id()));
                case CLUSTER -> s.cluster().equals(sel.id());
                case APP -> s.apps().stream().anyMatch(a -> a.app().equals(sel.id()));
                case INSTANCE -> s.instances().stream().anyMatch(i -> i.id().equals(sel.id()));
                case NONE -> false;
            };
            if (has) {
                return c;
            }
        }
        return model.current();
    }

    /** The app the charts and actions are about: the selected app, the selected instance's, else the first. */
    private Optional<AppRow> appInFocus(ClusterSnapshot s) {
        Optional<String> name = switch (selection.kind()) {
            case APP -> Optional.of(selection.id());
            case INSTANCE -> s.instances().stream().filter(i -> i.id().equals(selection.id())).map(InstanceRow::app).findFirst();
            default -> Optional.empty();
        };
        return name.map(n -> s.apps().stream().filter(a -> a.app().equals(n)).findFirst())
                .orElseGet(() -> s.apps().stream().findFirst());
    }

    private void actions(ClusterSnapshot s) {
        Optional<AppRow> app = switch (selection.kind()) {
            case APP, INSTANCE -> appInFocus(s);
            default -> Optional.empty();
        };
        if (model.readonly() || app.isEmpty()) {
            side.actions.getChildren().clear();
            return;
        }
        String name = app.get().app();
        if (side.actions.getUserData() != null && side.actions.getUserData().equals(name)) {
            return;
        }
        side.actions.setUserData(name);
        TextField count = new TextField(String.valueOf(app.get().desired()));
        count.setId("scale-count");
        count.setPrefColumnCount(4);
        Button scale = new Button("Scale…");
        scale.setId("scale");
        scale.setOnAction(e -> scale(name, count.getText().strip()));
        FlowPane rollout = new FlowPane(6, 6);
        for (RolloutAction a : RolloutAction.values()) {
            if (a == RolloutAction.START) {
                continue;
            }
            Button b = new Button(a.word());
            b.setId("rollout-" + a.word());
            b.setTooltip(new javafx.scene.control.Tooltip(a.help()));
            b.setOnAction(e -> rollout(a, name, ""));
            rollout.getChildren().add(b);
        }
        TextField digest = new TextField();
        digest.setId("rollout-digest");
        digest.setPromptText("sha256:... (new revision)");
        Button start = new Button("Start rollout…");
        start.setId("rollout-start");
        start.setOnAction(e -> rollout(RolloutAction.START, name, digest.getText().strip()));
        side.actions.getChildren().setAll(SidePanel.section("actions on " + name + " (each asks first, signed)"),
                new HBox(6, new Label("instances"), count, scale), rollout, new HBox(6, digest, start));
    }

    private void scale(String app, String count) {
        try {
            int n = Integer.parseInt(count);
            confirm.ask("Scale " + app + " to " + n + " instances in " + model.current().name() + " (a signed plan)?",
                    () -> locked(() -> model.run(":scale " + app + " " + n)));
        } catch (NumberFormatException e) {
            report(CommandResult.failed("scale " + app + ": '" + count + "' is not a whole number of instances"));
        }
    }

    private void rollout(RolloutAction a, String app, String digest) {
        if (a == RolloutAction.START && digest.isEmpty()) {
            report(CommandResult.failed("rollout start " + app + ": give the new revision's digest (sha256:...)"));
            return;
        }
        String line = ":rollout " + a.word() + " " + app + (digest.isEmpty() ? "" : " " + digest);
        confirm.ask("Rollout " + a.word() + " " + app + " in " + model.current().name() + "? (" + a.help() + ")", () -> {
            synchronized (model) {
                CommandResult r = model.run(line);
                return r.status() == CommandResult.Status.CONFIRM ? model.confirm(true) : r;
            }
        });
    }

    /** Runs a {@code :command} line as the terminal console does; destructive ones ask in the confirm bar. */
    void run(String line) {
        CommandResult r = locked(() -> model.run(line.startsWith(":") ? line : ":" + line));
        if (r.status() == CommandResult.Status.CONFIRM) {
            confirm.ask(r.message(), () -> locked(() -> model.confirm(true)));
            return;
        }
        report(r);
    }

    private CommandResult locked(java.util.function.Supplier<CommandResult> call) {
        synchronized (model) {
            return call.get();
        }
    }

    void report(CommandResult r) {
        switch (r.status()) {
            case HELP -> bottom.getSelectionModel().select(helpTab);
            case QUIT -> onQuit.run();
            default -> {
            }
        }
        status.setText(r.message());
        status.getStyleClass().setAll("label", r.status() == CommandResult.Status.FAILED ? "error" : "ok");
        r.route().ifPresent(route -> {
            if (!route.subject().isEmpty()) {
                search.setText(route.subject());
            }
        });
        update();
    }

    /** Selects a node, an app, an instance or a cluster, as a click on the graph does. FX thread. */
    public void select(Selection s) {
        selection = s;
        side.actions.setUserData(null);
        if (graph.selected() != s) {
            graph.select(s);
            return;
        }
        update();
    }

    Selection selection() {
        return selection;
    }

    void theme(Theme t) {
        theme = t;
        graph.theme(t);
        themeButton.setText(t.other().name().toLowerCase(java.util.Locale.ROOT) + " theme");
        if (scene != null) {
            javafx.application.Application.setUserAgentStylesheet(t.userAgentStylesheet());
            scene.getStylesheets().setAll(t.stylesheet());
        }
    }

    Theme theme() {
        return theme;
    }

    /** The terminal console's keys, when no text field has the focus. */
    private void key(KeyEvent e) {
        if (e.getCode() == KeyCode.ESCAPE) {
            if (confirm.waiting()) {
                confirm.finish(false);
            } else {
                root.requestFocus();
                select(Selection.NONE);
            }
            e.consume();
            return;
        }
        if (scene.getFocusOwner() instanceof TextInputControl || e.isControlDown() || e.isAltDown()) {
            return;
        }
        String t = e.getText();
        boolean handled = true;
        switch (t) {
            case ":" -> command.requestFocus();
            case "/" -> search.requestFocus();
            case "?" -> bottom.getSelectionModel().select(helpTab);
            case "a" -> {
                synchronized (model) {
                    model.toggleMerged();
                }
                update();
            }
            case "q" -> onQuit.run();
            case "f" -> graph.fit();
            case "+" -> graph.zoomBy(1.2, graph.getWidth() / 2, graph.getHeight() / 2);
            case "-" -> graph.zoomBy(1 / 1.2, graph.getWidth() / 2, graph.getHeight() / 2);
            case "t" -> theme(theme.other());
            case "s" -> side.actions.lookupAll("#scale-count").forEach(javafx.scene.Node::requestFocus);
            case "r" -> side.actions.lookupAll("#rollout-promote").forEach(javafx.scene.Node::requestFocus);
            case "l", "d" -> side.requestFocus();
            default -> handled = false;
        }
        if (!handled && e.getCode() == KeyCode.TAB && model.sessions().size() > 1) {
            synchronized (model) {
                model.nextCluster();
            }
            clusters.getSelectionModel().select(model.current().name());
            update();
            handled = true;
        }
        if (handled) {
            e.consume();
        }
    }
}
