package io.mycelium.console.fx;

import io.mycelium.console.events.AuditEvent;
import io.mycelium.console.format.Formats;
import io.mycelium.console.fx.GraphScene.Grouping;
import io.mycelium.console.graph.GraphGroups.Group;
import io.mycelium.console.graph.MyceliumGraph.Hypha;
import io.mycelium.console.graph.MyceliumGraph.Router;
import io.mycelium.console.graph.Provenance;
import io.mycelium.console.model.CallRow;
import io.mycelium.console.model.ClusterSnapshot;
import io.mycelium.console.model.InstanceRow;
import io.mycelium.console.view.Tone;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import javafx.geometry.Point2D;
import javafx.geometry.VPos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.layout.Background;
import javafx.scene.layout.BackgroundFill;
import javafx.scene.layout.Region;
import javafx.scene.shape.Rectangle;
import javafx.scene.text.Font;
import javafx.scene.text.TextAlignment;

/**
 * The mycelium graph: each group (an agent, an app, a cluster) a hub in its grid cell with its
 * instances as hyphae around it, coloured by state, thicker with the app's requests/s; the edges
 * on a row above, linked to the hubs they route to; hyphae calls as dashed curves between hubs. A
 * new hypha grows out, a gone one withers. Drag pans, the wheel zooms, a click selects, the search
 * text rings what matches.
 *
 * <p>Drawn in layers, each a canvas of its own: one per hub, one per cluster title, and one under
 * them for the edges' routes and the calls. A layer is painted again only when what it draws
 * changed (its group, provenance, traffic, place), the zoom changed, or one of its hyphae is
 * growing, withering or gliding; panning only moves the canvases. So a change on one agent
 * repaints one hub's small canvas, not the whole graph (with the software pipeline replaying a
 * whole canvas of a hundred hubs took most of a frame). Layers outside the view are not painted
 * until they come into it. Painting happens only in {@link #paint}, called from the dashboard's
 * animation timer. FX thread.
 */
final class GraphView extends Region {
    static final double CELL = 170;
    static final double HUB = 18;
    static final double REACH = 58;
    static final long GROW_MS = 600;
    /** Above this many instances, healthy groups collapse to a count. */
    static final int SIMPLIFY_ABOVE = 300;
    /** A hub's layer reaches this far from its centre, in cells (hyphae, their labels, the name and provenance below). */
    private static final double LAYER_HALF_WIDTH = 0.9;
    private static final double LAYER_HALF_HEIGHT = 0.55;

    private static final Font TITLE = Font.font("System", 13);
    private static final Font NAME = Font.font("System", 12);
    private static final Font COUNT = Font.font("System", 11);
    private static final Font SMALL = Font.font("System", 10);

    private final Canvas links = new Canvas();
    private final Map<String, Layer> layers = new HashMap<>();
    private List<Layer> order = List.of();
    private final List<Spot> linkSpots = new ArrayList<>();
    private final List<DrawnCall> calls = new ArrayList<>();
    private LinksKey linksDrawn;
    private List<LinkPart> linkParts = List.of();
    /** What the links layer draws of the scene (routes, calls, hub places), worked out once per scene. */
    private List<Object> linksData = List.of();
    private final Map<String, String> layerOf = new HashMap<>();
    private final Map<String, Long> born = new HashMap<>();
    private final Map<String, Wither> withering = new HashMap<>();
    private final Map<String, Double> targetAngle = new HashMap<>();
    private final Map<String, Ease> easing = new HashMap<>();
    private final Map<String, double[]> lastPositions = new HashMap<>();
    private Theme theme = Theme.DARK;
    private GraphScene scene = GraphScene.EMPTY;
    private volatile Grouping by = Grouping.NODE;
    private Selection selected = Selection.NONE;
    private String search = "";
    /** Bumped when what every layer shows changed without its data changing: theme, selection, search. */
    private int marks;
    private double panX = 20;
    private double panY = 10;
    private double zoom = 1;
    private double dragX;
    private double dragY;
    private boolean firstShow = true;
    private boolean childrenStale = true;
    /** Fits the graph to the view on new data and resizes until the operator pans or zooms. */
    private boolean autoFit = true;
    private Consumer<Selection> onSelect = s -> { };
    private long frames;
    private long layerPaints;

    private record Wither(Hypha hypha, String layer, double x, double y, double angle, long sinceMs) {
    }

    /** A hypha gliding from {@code from} to its new angle around its hub (when a sibling came or went). */
    private record Ease(double from, long sinceMs) {
    }

    /** Where something was painted, for clicks: a circle in graph coordinates. */
    private record Spot(Selection what, double x, double y, double r) {
    }

    private record At(double x, double y) {
    }

    /** What a layer paints, in graph coordinates; it records where its clickable things are. */
    @FunctionalInterface
    private interface Painter {
        void paint(GraphicsContext g, List<Spot> spots, long nowMs);
    }

    /**
     * A call drawn between two hubs, for tests: the app called, its rate, the line width, and the
     * quadratic curve's points in graph coordinates.
     */
    record DrawnCall(String from, String to, String app, double rps, double width, Point2D start, Point2D control, Point2D end) {
        /** The curve's point at {@code t} (0 at the caller, 1 at the callee). */
        Point2D at(double t) {
            double u = 1 - t;
            return new Point2D(u * u * start.getX() + 2 * u * t * control.getX() + t * t * end.getX(),
                    u * u * start.getY() + 2 * u * t * control.getY() + t * t * end.getY());
        }
    }

    /** One cluster's routes and calls, and where its hubs are. */
    private record LinkPart(GraphScene.Part part, double top, Map<String, At> hubAt) {
    }

    /** Everything the links layer depends on besides the view: painted again when it differs. */
    private record LinksKey(List<Object> parts, double panX, double panY, double zoom, double width, double height, int marks,
                            Theme theme) {
    }

    /** A canvas of its own for one hub or title, placed over its rectangle of the graph. */
    private static final class Layer {
        final String id;
        final Canvas canvas = new Canvas();
        final List<Spot> spots = new ArrayList<>();
        double wx;
        double wy;
        double ww;
        double wh;
        Object key;
        Painter painter;
        Object drawnKey;
        double drawnZoom = -1;
        int drawnMarks = -1;
        double drawnFracX = -1;
        double drawnFracY = -1;
        double drawnWw = -1;

        Layer(String id) {
            this.id = id;
            canvas.setManaged(false);
            canvas.setMouseTransparent(true);
        }
    }

    GraphView() {
        links.setManaged(false);
        links.setMouseTransparent(true);
        getStyleClass().add("graph");
        setMinSize(200, 200);
        setPickOnBounds(true);
        Rectangle clip = new Rectangle();
        clip.widthProperty().bind(widthProperty());
        clip.heightProperty().bind(heightProperty());
        setClip(clip);
        background();
        setOnMousePressed(e -> {
            dragX = e.getX();
            dragY = e.getY();
        });
        setOnMouseDragged(e -> {
            autoFit = false;
            panX += e.getX() - dragX;
            panY += e.getY() - dragY;
            dragX = e.getX();
            dragY = e.getY();
        });
        setOnMouseClicked(e -> {
            if (e.isStillSincePress()) {
                select(hit(e.getX(), e.getY()));
            }
        });
        setOnScroll(e -> zoomBy(e.getDeltaY() > 0 ? 1.15 : 1 / 1.15, e.getX(), e.getY()));
    }

    private void background() {
        setBackground(new Background(new BackgroundFill(theme.background(), null, null)));
    }

    void onSelect(Consumer<Selection> listener) {
        onSelect = listener;
    }

    void theme(Theme t) {
        theme = t;
        background();
        marks++;
    }

    /** Groups by {@code value}; the caller shows a scene grouped so. Any thread may read {@link #group()}. */
    void group(Grouping value) {
        by = value;
        marks++;
    }

    Grouping group() {
        return by;
    }

    void search(String text) {
        search = text.toLowerCase(Locale.ROOT).strip();
        marks++;
    }

    void zoomBy(double factor, double aroundX, double aroundY) {
        autoFit = false;
        double z = Math.max(0.15, Math.min(4, zoom * factor));
        panX = aroundX - (aroundX - panX) * z / zoom;
        panY = aroundY - (aroundY - panY) * z / zoom;
        zoom = z;
    }

    /** Fits the whole graph in the view. */
    void fit() {
        int cells = scene.columns();
        double rows = scene.rows() + 0.2;
        zoom = Math.max(0.15, Math.min(1.3, Math.min(getWidth() / (cells * CELL + 40), getHeight() / (rows * CELL))));
        panX = Math.max(10, (getWidth() - cells * CELL * zoom) / 2);
        panY = 10;
    }

    double zoom() {
        return zoom;
    }

    /** Frames on which something was painted. */
    long frames() {
        return frames;
    }

    /** Layers (hubs, titles) painted so far: a change on one hub paints one. */
    long layerPaints() {
        return layerPaints;
    }

    void select(Selection s) {
        selected = s;
        marks++;
        onSelect.accept(s);
    }

    Selection selected() {
        return selected;
    }

    /** New data: hyphae that appeared start growing, those that went start withering; the layers follow the scene. */
    void show(GraphScene next, long nowMs) {
        boolean first = firstShow;
        for (String id : next.instances()) {
            if (!first && !scene.instances().contains(id)) {
                born.put(id, nowMs);
            }
        }
        born.keySet().retainAll(next.instances());
        targetAngle.keySet().retainAll(next.instances());
        easing.keySet().retainAll(next.instances());
        for (GraphScene.Part p : scene.parts()) {
            for (Group g : p.groups()) {
                for (Hypha h : g.hyphae()) {
                    double[] at = lastPositions.get(h.instance());
                    String layer = layerOf.get(h.instance());
                    if (!next.instances().contains(h.instance()) && at != null && layer != null) {
                        withering.put(h.instance(), new Wither(h, layer, at[0], at[1], at[2], nowMs));
                    }
                }
            }
        }
        scene = next;
        firstShow = first && next.instances().isEmpty();
        arrange();
    }

    GraphScene scene() {
        return scene;
    }

    /** Places a layer for each title and hub of the scene, reusing the layers of the same names. */
    private void arrange() {
        List<Layer> next = new ArrayList<>();
        List<LinkPart> parts = new ArrayList<>();
        layerOf.clear();
        double top = 0;
        int index = 0;
        for (GraphScene.Part part : scene.parts()) {
            String prefix = index++ + "/";
            ClusterSnapshot s = part.snapshot();
            String title = s.cluster() + "  ·  " + s.health().level().name().toLowerCase(Locale.ROOT) + ": " + s.health().text()
                    + (part.simplified() ? "  ·  healthy groups collapsed" : "");
            double titleTop = top;
            next.add(place(prefix + "title", 0, top, scene.columns() * CELL, 24, title, (g, spots, now) -> drawTitle(g, title, titleTop)));
            double gridTop = top + CELL * 0.75;
            Map<String, At> hubAt = new LinkedHashMap<>();
            for (Group grp : part.groups()) {
                At at = new At(grp.column() * CELL + CELL / 2, gridTop + grp.row() * CELL + CELL / 2);
                hubAt.put(grp.name(), at);
                Provenance p = part.provenance().getOrDefault(grp.name(), Provenance.NONE);
                List<Double> rps = grp.hyphae().stream().map(h -> part.rpsPerInstance().getOrDefault(h.app(), 0.0)).toList();
                String id = prefix + "hub/" + grp.name();
                Layer l = place(id, at.x() - LAYER_HALF_WIDTH * CELL, at.y() - LAYER_HALF_HEIGHT * CELL,
                        2 * LAYER_HALF_WIDTH * CELL, 2 * LAYER_HALF_HEIGHT * CELL, List.of(grp, at, p, rps, scene.grouping()),
                        (g, spots, now) -> drawGroup(g, spots, id, grp, at.x(), at.y(), part.rpsPerInstance(), p, !part.simplified(), now));
                grp.hyphae().forEach(h -> layerOf.put(h.instance(), l.id));
                next.add(l);
            }
            parts.add(new LinkPart(part, top, hubAt));
            int rows = part.groups().isEmpty() ? 0 : part.groups().getLast().row() + 1;
            top = gridTop + rows * CELL + CELL * 0.4;
        }
        Set<String> ids = new HashSet<>();
        next.forEach(l -> ids.add(l.id));
        layers.keySet().retainAll(ids);
        withering.values().removeIf(w -> !ids.contains(w.layer()));
        if (!sameLayers(next, order)) {
            order = List.copyOf(next);
            childrenStale = true;
        }
        linkParts = List.copyOf(parts);
        List<Object> data = new ArrayList<>();
        for (LinkPart lp : linkParts) {
            GraphScene.Part p = lp.part();
            boolean byApp = scene.grouping() == Grouping.APP && !p.snapshot().calls().isEmpty();
            data.add(List.of(lp.top(), lp.hubAt(), p.graph().routers(), p.simplified(), p.rpsPerInstance(), p.snapshot().calls(),
                    scene.grouping(), byApp ? p.snapshot().instances() : List.of()));
        }
        linksData = data;
    }

    private static boolean sameLayers(List<Layer> a, List<Layer> b) {
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

    private Layer place(String id, double x, double y, double w, double h, Object key, Painter painter) {
        Layer l = layers.computeIfAbsent(id, Layer::new);
        l.wx = x;
        l.wy = y;
        l.ww = w;
        l.wh = h;
        l.key = key;
        l.painter = painter;
        return l;
    }

    /**
     * The angle {@code instance} is drawn at around its hub at {@code nowMs}: its place among its
     * siblings, reached over {@value #GROW_MS} ms when a sibling came or went, so it glides there.
     */
    double angleOf(String instance, double target, long nowMs) {
        Double before = targetAngle.put(instance, target);
        if (before != null && Math.abs(before - target) > 1e-9) {
            easing.put(instance, new Ease(drawnAngle(instance, before, nowMs), nowMs));
        }
        return drawnAngle(instance, target, nowMs);
    }

    /** {@code target}, with no glide under way or remembered for {@code instance}. */
    private double settled(String instance, double target) {
        targetAngle.remove(instance);
        easing.remove(instance);
        return target;
    }

    private double drawnAngle(String instance, double target, long nowMs) {
        Ease e = easing.get(instance);
        if (e == null) {
            return target;
        }
        double t = Math.min(1, (nowMs - e.sinceMs()) / (double) GROW_MS);
        double k = t * t * (3 - 2 * t);
        return e.from() + (target - e.from()) * k;
    }

    /** Where {@code instance} was last painted around its hub: its angle, or NaN if it was not. */
    double paintedAngle(String instance) {
        double[] p = lastPositions.get(instance);
        return p == null ? Double.NaN : p[2];
    }

    /**
     * Places every layer for the current pan and zoom and paints those that are in view and
     * changed or move; true if anything was painted.
     */
    boolean paint(long nowMs) {
        Set<String> moving = moving(nowMs);
        born.values().removeIf(t -> nowMs - t > GROW_MS);
        withering.values().removeIf(w -> nowMs - w.sinceMs() > GROW_MS);
        easing.values().removeIf(e -> nowMs - e.sinceMs() > GROW_MS);
        if (autoFit && getWidth() > 0) {
            fit();
        }
        if (childrenStale) {
            List<javafx.scene.Node> children = new ArrayList<>(order.size() + 1);
            children.add(links);
            order.forEach(l -> children.add(l.canvas));
            getChildren().setAll(children);
            childrenStale = false;
        }
        boolean painted = paintLinks();
        double w = getWidth();
        double h = getHeight();
        for (Layer l : order) {
            if (l.id.endsWith("/title")) {
                l.ww = Math.max(scene.columns() * CELL, w / zoom); // the title is drawn at a legible size whatever the zoom
            }
            double sx = panX + l.wx * zoom;
            double sy = panY + l.wy * zoom;
            double px = Math.floor(sx);
            double py = Math.floor(sy);
            l.canvas.setLayoutX(px);
            l.canvas.setLayoutY(py);
            boolean inView = sx < w && sy < h && sx + l.ww * zoom > 0 && sy + l.wh * zoom > 0;
            l.canvas.setVisible(inView);
            if (!inView) {
                continue;
            }
            if (l.key != l.drawnKey && Objects.equals(l.key, l.drawnKey)) {
                l.drawnKey = l.key; // the same picture: compared once, not on every frame
            }
            boolean stale = l.key != l.drawnKey || l.drawnZoom != zoom || l.drawnMarks != marks || l.drawnWw != l.ww
                    || Math.abs(l.drawnFracX - (sx - px)) > 1e-6 || Math.abs(l.drawnFracY - (sy - py)) > 1e-6;
            if (stale || moving.contains(l.id)) {
                paintLayer(l, sx - px, sy - py, nowMs);
                painted = true;
            }
        }
        if (painted) {
            frames++;
        }
        return painted;
    }

    /** The layers with a hypha growing, withering or gliding at {@code nowMs} (or that just stopped: painted at rest once more). */
    private Set<String> moving(long nowMs) {
        Set<String> out = new HashSet<>();
        born.keySet().forEach(id -> Optional.ofNullable(layerOf.get(id)).ifPresent(out::add));
        easing.keySet().forEach(id -> Optional.ofNullable(layerOf.get(id)).ifPresent(out::add));
        withering.values().forEach(w -> out.add(w.layer()));
        return out;
    }

    private void paintLayer(Layer l, double fracX, double fracY, long nowMs) {
        double cw = Math.ceil(l.ww * zoom + fracX) + 1;
        double ch = Math.ceil(l.wh * zoom + fracY) + 1;
        if (l.canvas.getWidth() != cw || l.canvas.getHeight() != ch) {
            l.canvas.setWidth(cw);
            l.canvas.setHeight(ch);
        }
        GraphicsContext g = l.canvas.getGraphicsContext2D();
        g.clearRect(0, 0, cw, ch); // covers the canvas: its earlier drawing is dropped, not replayed
        g.save();
        g.translate(fracX, fracY);
        g.scale(zoom, zoom);
        g.translate(-l.wx, -l.wy);
        l.spots.clear();
        l.painter.paint(g, l.spots, nowMs);
        g.restore();
        l.drawnKey = l.key;
        l.drawnZoom = zoom;
        l.drawnMarks = marks;
        l.drawnFracX = fracX;
        l.drawnFracY = fracY;
        l.drawnWw = l.ww;
        layerPaints++;
    }

    /** The routes and calls under the hubs, over the whole view: painted again when they change, and on a pan or zoom. */
    private boolean paintLinks() {
        if (linksDrawn != null && linksDrawn.parts() != linksData && linksDrawn.parts().equals(linksData)) {
            linksData = linksDrawn.parts(); // the same routes and calls: compared once, not on every frame
        }
        LinksKey key = new LinksKey(linksData, panX, panY, zoom, getWidth(), getHeight(), marks, theme);
        if (linksDrawn != null && linksDrawn.parts() == linksData && key.equals(linksDrawn)) {
            return false;
        }
        linksDrawn = key;
        if (links.getWidth() != getWidth() || links.getHeight() != getHeight()) {
            links.setWidth(getWidth());
            links.setHeight(getHeight());
        }
        GraphicsContext g = links.getGraphicsContext2D();
        g.clearRect(0, 0, links.getWidth(), links.getHeight());
        linkSpots.clear();
        calls.clear();
        g.save();
        g.translate(panX, panY);
        g.scale(zoom, zoom);
        for (LinkPart lp : linkParts) {
            drawRoutes(g, lp);
            drawCalls(g, lp);
        }
        g.restore();
        return true;
    }

    @Override
    protected void layoutChildren() {
        // the layers are placed by paint(), for the current pan and zoom
    }

    /** The cluster's name and health, at a legible size whatever the zoom. */
    private void drawTitle(GraphicsContext g, String title, double top) {
        g.setFont(Font.font("System", Math.max(TITLE.getSize(), 12 / zoom)));
        g.setTextBaseline(VPos.TOP);
        g.setTextAlign(TextAlignment.LEFT);
        g.setFill(theme.text());
        g.fillText(title, 0, top);
    }

    private void drawRoutes(GraphicsContext g, LinkPart lp) {
        GraphScene.Part part = lp.part();
        ClusterSnapshot s = part.snapshot();
        Map<String, Double> rps = part.rpsPerInstance();
        double routersY = lp.top() + 46;
        double gridTop = lp.top() + CELL * 0.75;
        int i = 0;
        for (Router r : part.graph().routers()) {
            double rx = CELL / 2 + i++ * CELL;
            List<String> targets = switch (scene.grouping()) {
                case NODE -> r.hubs();
                case APP -> r.apps();
                case CLUSTER -> r.hubs().isEmpty() ? List.of() : List.of(s.cluster());
            };
            double total = r.apps().stream().mapToDouble(a -> rps.getOrDefault(a, 0.0)).sum();
            g.setStroke(theme.muted().deriveColor(0, 1, 1, 0.55));
            g.setLineWidth(width(total));
            if (part.simplified() && !targets.isEmpty()) {
                rail(g, rx, routersY + 12, gridTop - CELL * 0.1, part.groups(), targets.size());
                targets = List.of();
            }
            for (String t : targets) {
                At p = lp.hubAt().get(t);
                if (p != null) {
                    double bend = Math.abs(p.x() - rx) < 1 && p.y() - routersY > CELL ? CELL * 0.45 : 0;
                    g.beginPath();
                    g.moveTo(rx, routersY + 12);
                    g.quadraticCurveTo((rx + p.x()) / 2 + bend, (routersY + p.y()) / 2, p.x(), p.y() - HUB);
                    g.stroke();
                }
            }
            g.setFill(r.visible() ? theme.hub() : theme.background());
            g.setStroke(r.visible() ? theme.tone(Tone.GOOD) : theme.tone(Tone.BAD));
            g.setLineWidth(2);
            g.fillRoundRect(rx - 40, routersY - 12, 80, 24, 8, 8);
            g.strokeRoundRect(rx - 40, routersY - 12, 80, 24, 8, 8);
            if (selected.id().equals(r.node())) {
                g.setStroke(theme.tone(Tone.WARN).brighter());
                g.strokeRoundRect(rx - 45, routersY - 17, 90, 34, 10, 10);
            }
            g.setFill(theme.text());
            g.setTextAlign(TextAlignment.CENTER);
            g.setTextBaseline(VPos.CENTER);
            g.setFont(NAME);
            if (legible(NAME)) {
                g.fillText(r.node(), rx, routersY);
            }
            linkSpots.add(new Spot(new Selection(Selection.Kind.NODE, r.node()), rx, routersY, 40));
        }
    }

    /**
     * App-to-app traffic through the hyphae routers: a dashed curve from the hub whose workloads
     * call to each hub running the called app (group by app: from the apps running on the calling
     * node), thicker with the calls per second, labelled with the rate once per call.
     */
    private void drawCalls(GraphicsContext g, LinkPart lp) {
        GraphScene.Part part = lp.part();
        if (part.snapshot().calls().isEmpty() || scene.grouping() == Grouping.CLUSTER) {
            return;
        }
        Map<String, List<String>> hubsOfApp = new HashMap<>();
        for (Group grp : part.groups()) {
            grp.hyphae().forEach(h -> hubsOfApp.computeIfAbsent(h.app(), k -> new ArrayList<>()).add(grp.name()));
        }
        Map<String, Set<String>> appsOnNode = new HashMap<>();
        for (InstanceRow i : part.snapshot().instances()) {
            appsOnNode.computeIfAbsent(i.node(), k -> new HashSet<>()).add(i.app());
        }
        g.save();
        g.setLineDashes(6, 5);
        for (CallRow c : part.snapshot().calls()) {
            List<String> targets = scene.grouping() == Grouping.NODE
                    ? hubsOfApp.getOrDefault(c.app(), List.of()).stream().distinct().toList() : List.of(c.app());
            List<String> callers = scene.grouping() == Grouping.NODE ? List.of(c.node())
                    : appsOnNode.getOrDefault(c.node(), Set.of()).stream().filter(a -> !a.equals(c.app())).sorted().toList();
            for (String from : callers) {
                At a = lp.hubAt().get(from);
                boolean labelled = false;
                for (String to : targets) {
                    At b = lp.hubAt().get(to);
                    if (a == null || b == null || from.equals(to)) {
                        continue;
                    }
                    g.setStroke(theme.tone(Tone.WARN).deriveColor(0, 1, 1, 0.85));
                    g.setLineWidth(width(c.rps()));
                    double mx = (a.x() + b.x()) / 2;
                    double my = (a.y() + b.y()) / 2;
                    double dx = b.x() - a.x();
                    double dy = b.y() - a.y();
                    double len = Math.max(1, Math.hypot(dx, dy));
                    double cx = mx - dy / len * CELL * 0.25;
                    double cy = my + dx / len * CELL * 0.25;
                    g.beginPath();
                    g.moveTo(a.x(), a.y());
                    g.quadraticCurveTo(cx, cy, b.x(), b.y());
                    g.stroke();
                    calls.add(new DrawnCall(from, to, c.app(), c.rps(), width(c.rps()),
                            new Point2D(a.x(), a.y()), new Point2D(cx, cy), new Point2D(b.x(), b.y())));
                    if (!labelled) {
                        labelled = true;
                        g.setFill(theme.tone(Tone.WARN));
                        g.setFont(Font.font("System", Math.max(SMALL.getSize(), 9 / zoom)));
                        g.setTextAlign(TextAlignment.CENTER);
                        g.setTextBaseline(VPos.CENTER);
                        String label = "\u2192 " + c.app() + " " + Formats.rate(c.rps());
                        double size = g.getFont().getSize();
                        double lw = label.length() * size * 0.55 + 6;
                        g.setFill(theme.background().deriveColor(0, 1, 1, 0.85)); // readable over the lines it crosses
                        g.fillRoundRect((mx + cx) / 2 - lw / 2, (my + cy) / 2 - size * 0.75, lw, size * 1.5, 6, 6);
                        g.setFill(theme.tone(Tone.WARN));
                        g.fillText(label, (mx + cx) / 2, (my + cy) / 2);
                    }
                }
            }
        }
        g.restore();
    }

    /**
     * A big cluster's routes as one trunk down to a rail over the grid, with how many hubs it
     * reaches, instead of a curve to each hub (hundreds of long curves are what slows the
     * software renderer).
     */
    private void rail(GraphicsContext g, double rx, double fromY, double railY, List<Group> groups, int reached) {
        int columns = groups.stream().mapToInt(Group::column).max().orElse(0) + 1;
        g.strokeLine(rx, fromY, rx, railY);
        g.strokeLine(CELL / 2, railY, (columns - 0.5) * CELL, railY);
        g.setFill(theme.muted());
        g.setFont(Font.font("System", Math.max(SMALL.getSize(), 9 / zoom)));
        g.setTextAlign(TextAlignment.LEFT);
        g.setTextBaseline(VPos.BOTTOM);
        g.fillText("routes to " + reached + " hubs", rx + 6, railY - 2);
    }

    /** Whether text in {@code font} reads at the current zoom (smaller text is left out: level of detail). */
    private boolean legible(Font font) {
        return font.getSize() * zoom >= 6;
    }

    /**
     * One hub and its hyphae; {@code glide}: siblings glide to their new places when one comes or
     * goes (not in a simplified big cluster, where dozens of hubs would be repainted every frame for
     * a move too small to see at that zoom; new and gone hyphae still grow and wither).
     */
    private void drawGroup(GraphicsContext g, List<Spot> spots, String layer, Group grp, double x, double y, Map<String, Double> rps,
                           Provenance p, boolean glide, long nowMs) {
        Selection.Kind kind = switch (scene.grouping()) {
            case NODE -> Selection.Kind.NODE;
            case APP -> Selection.Kind.APP;
            case CLUSTER -> Selection.Kind.CLUSTER;
        };
        List<Hypha> hyphae = grp.hyphae();
        for (Wither w : withering.values()) {
            if (w.layer().equals(layer)) {
                double k = Math.max(0, 1 - (nowMs - w.sinceMs()) / (double) GROW_MS);
                drawHypha(g, w.x(), w.y(), w.angle(), REACH * k, w.hypha().tone(), 1, false);
            }
        }
        if (!grp.collapsed()) {
            boolean labels = zoom >= 0.7 && hyphae.size() <= 8;
            for (int k = 0; k < hyphae.size(); k++) {
                Hypha h = hyphae.get(k);
                double angle = glide ? angleOf(h.instance(), angle(k, hyphae.size()), nowMs) : settled(h.instance(), angle(k, hyphae.size()));
                Long since = born.get(h.instance());
                double grow = since == null ? 1 : Math.min(1, (nowMs - since) / (double) GROW_MS);
                boolean hit = matches(h.instance()) || matches(h.app());
                drawHypha(g, x, y, angle, REACH * grow, h.tone(), width(rps.getOrDefault(h.app(), 0.0)), hit
                        || selected.id().equals(h.instance()));
                if (labels) {
                    g.setFont(SMALL);
                    g.setFill(theme.muted());
                    g.setTextBaseline(VPos.CENTER);
                    double c = Math.cos(angle);
                    g.setTextAlign(c > 0.35 ? TextAlignment.LEFT : c < -0.35 ? TextAlignment.RIGHT : TextAlignment.CENTER);
                    double r = REACH + (Math.abs(c) > 0.35 ? 9 : 13);
                    g.fillText(h.app(), x + c * r, y + Math.sin(angle) * r);
                }
                lastPositions.put(h.instance(), new double[] {x, y, angle});
                spots.add(new Spot(new Selection(Selection.Kind.INSTANCE, h.instance()), x + Math.cos(angle) * REACH,
                        y + Math.sin(angle) * REACH, 7));
            }
        }
        Tone tone = !grp.visible() ? Tone.BAD : grp.count(Tone.BAD) > 0 ? Tone.BAD : grp.count(Tone.WARN) > 0 ? Tone.WARN : Tone.GOOD;
        g.setFill(theme.hub());
        g.fillOval(x - HUB, y - HUB, 2 * HUB, 2 * HUB);
        g.setLineWidth(selected.id().equals(grp.name()) ? 4 : 2.5);
        g.setStroke(theme.tone(tone));
        g.strokeOval(x - HUB, y - HUB, 2 * HUB, 2 * HUB);
        if (matches(grp.name()) || selected.id().equals(grp.name())) {
            g.setStroke(theme.tone(Tone.WARN).brighter());
            g.setLineWidth(2);
            g.strokeOval(x - HUB - 6, y - HUB - 6, 2 * HUB + 12, 2 * HUB + 12);
        }
        g.setTextAlign(TextAlignment.CENTER);
        g.setTextBaseline(VPos.CENTER);
        g.setFill(theme.text());
        if (legible(COUNT)) {
            g.setFont(COUNT);
            g.fillText(grp.collapsed() ? String.valueOf(hyphae.size()) : String.valueOf(grp.count(Tone.GOOD)), x, y);
        }
        // the name stays readable when a hundred hubs fit the view (at least 8 px on screen); CPU and provenance need a closer look
        boolean details = legible(SMALL);
        double nameSize = Math.max(NAME.getSize(), 8 / zoom);
        if (CELL * zoom >= 40) {
            g.setFont(Font.font("System", nameSize));
            g.fillText(grp.name() + (details && kind == Selection.Kind.NODE && grp.visible() ? " " + grp.cpuPercent() + "%" : ""),
                    x, y + HUB + 4 + nameSize * 0.85);
        }
        if (details && p.trust() != AuditEvent.Trust.NONE) {
            g.setFont(SMALL);
            g.setFill(theme.trust(p.trust()));
            String mark = switch (p.trust()) {
                case VERIFIED -> "\u2713 ";
                case FORGED -> "\u2717 ";
                default -> "? ";
            };
            g.fillText(mark + p.trust().name().toLowerCase(Locale.ROOT) + " " + abbreviate(p.signers()), x, y + HUB + 28);
        }
        if (!grp.visible()) {
            g.setFill(theme.tone(Tone.BAD));
            g.setFont(Font.font("System", Math.max(SMALL.getSize(), 8 / zoom)));
            g.fillText("not seen", x, y - HUB - 8);
        }
        spots.add(new Spot(new Selection(kind, grp.name()), x, y, HUB + 4));
    }

    /** Hyphae fan out from the top and leave the bottom quarter free for the hub's labels. */
    static double angle(int k, int n) {
        double step = n <= 1 ? 0 : Math.min(2 * Math.PI / n, 1.5 * Math.PI / (n - 1));
        return -Math.PI / 2 + (k - (n - 1) / 2.0) * step;
    }

    private static String abbreviate(String signers) {
        return signers.length() > 16 ? signers.substring(0, 15) + "\u2026" : signers;
    }

    private void drawHypha(GraphicsContext g, double x, double y, double angle, double length, Tone tone, double width, boolean ring) {
        double ex = x + Math.cos(angle) * length;
        double ey = y + Math.sin(angle) * length;
        g.setStroke(theme.tone(tone).deriveColor(0, 1, 1, 0.8));
        g.setLineWidth(width);
        g.strokeLine(x + Math.cos(angle) * HUB, y + Math.sin(angle) * HUB, ex, ey);
        g.setFill(theme.tone(tone));
        g.fillOval(ex - 4.5, ey - 4.5, 9, 9);
        if (ring) {
            g.setStroke(theme.tone(Tone.WARN).brighter());
            g.setLineWidth(2);
            g.strokeOval(ex - 8, ey - 8, 16, 16);
        }
    }

    /** Line width for a request rate: 1 px idle, up to 6 px at 1,000 req/s and more. */
    static double width(double rps) {
        return 1 + Math.min(5, Math.log10(1 + Math.max(0, rps)) * 5 / 3);
    }

    private boolean matches(String id) {
        return !search.isEmpty() && id.toLowerCase(Locale.ROOT).contains(search);
    }

    /** The calls as last painted. */
    List<DrawnCall> drawnCalls() {
        return List.copyOf(calls);
    }

    /** {@code p} in graph coordinates as a point of this view. */
    Point2D toView(Point2D p) {
        return new Point2D(panX + p.getX() * zoom, panY + p.getY() * zoom);
    }

    /** Everything clickable as last painted: the edges, then each layer's hubs and hyphae in order. */
    private List<Spot> spots() {
        List<Spot> all = new ArrayList<>(linkSpots);
        order.forEach(l -> all.addAll(l.spots));
        return all;
    }

    /** What lies under the view's point, smallest first (an instance before its hub). */
    private Selection hit(double cx, double cy) {
        double x = (cx - panX) / zoom;
        double y = (cy - panY) / zoom;
        Spot best = null;
        for (Spot s : spots()) {
            double d = Math.hypot(s.x() - x, s.y() - y);
            if (d <= s.r() && (best == null || s.r() < best.r())) {
                best = s;
            }
        }
        return best == null ? Selection.NONE : best.what();
    }

    /** Where {@code id} (a group, an edge or an instance) was last painted, in this view's coordinates. */
    Optional<Point2D> where(String id) {
        return spots().stream().filter(s -> s.what().id().equals(id)).findFirst()
                .map(s -> new Point2D(panX + s.x() * zoom, panY + s.y() * zoom));
    }

    /** The first group or instance matching the search, centred in the view. */
    Selection findFirst() {
        for (Spot s : spots()) {
            if (matches(s.what().id())) {
                autoFit = false;
                panX = getWidth() / 2 - s.x() * zoom;
                panY = getHeight() / 2 - s.y() * zoom;
                return s.what();
            }
        }
        return Selection.NONE;
    }
}
