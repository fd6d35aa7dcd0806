package io.mycelium.console.fx;

import io.mycelium.console.fx.GraphScene.Grouping;
import io.mycelium.console.graph.GraphGroups.Group;
import io.mycelium.console.graph.MyceliumGraph.Hypha;
import io.mycelium.console.graph.MyceliumGraph.Router;
import io.mycelium.console.graph.Provenance;
import io.mycelium.console.model.ClusterSnapshot;
import io.mycelium.console.view.Tone;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import javafx.geometry.VPos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.layout.Region;
import javafx.scene.text.Font;
import javafx.scene.text.TextAlignment;

/**
 * The mycelium graph on one canvas: each group (an agent, or an app) a hub in its grid cell with
 * its instances as hyphae around it, coloured by state, thicker with the app's requests/s; the
 * edges on a row above, linked to the hubs they route to. A new hypha grows out, a gone one
 * withers. Drag pans, the wheel zooms, a click selects, the search text rings what matches.
 * Painting happens only in {@link #paint}, called from the dashboard's animation timer when
 * something changed or a hypha is still growing.
 */
final class GraphView extends Region {
    static final double CELL = 170;
    static final double HUB = 18;
    static final double REACH = 58;
    static final long GROW_MS = 600;
    /** Above this many instances, healthy groups collapse to a count. */
    static final int SIMPLIFY_ABOVE = 300;

    private final Canvas canvas = new Canvas();
    private final Map<String, Long> born = new HashMap<>();
    private final Map<String, Wither> withering = new HashMap<>();
    private final List<Spot> spots = new ArrayList<>();
    private static final Font TITLE = Font.font("System", 13);
    private static final Font NAME = Font.font("System", 12);
    private static final Font COUNT = Font.font("System", 11);
    private static final Font SMALL = Font.font("System", 10);

    private final Map<String, Double> targetAngle = new HashMap<>();
    private final Map<String, Ease> easing = new HashMap<>();
    private Theme theme = Theme.DARK;
    private GraphScene scene = GraphScene.EMPTY;
    private volatile Grouping by = Grouping.NODE;
    private Selection selected = Selection.NONE;
    private String search = "";
    private double panX = 20;
    private double panY = 10;
    private double zoom = 1;
    private double dragX;
    private double dragY;
    private boolean dirty = true;
    private boolean firstShow = true;
    /** Fits the graph to the view on new data and resizes until the operator pans or zooms. */
    private boolean autoFit = true;
    private Consumer<Selection> onSelect = s -> { };
    private long frames;

    private record Wither(Hypha hypha, double x, double y, double angle, long sinceMs) {
    }

    /** A hypha gliding from {@code from} to its new angle around its hub (when a sibling came or went). */
    private record Ease(double from, long sinceMs) {
    }

    /** Where something was painted, for clicks: a circle in canvas coordinates. */
    private record Spot(Selection what, double x, double y, double r) {
    }

    GraphView() {
        getChildren().add(canvas);
        getStyleClass().add("graph");
        setMinSize(200, 200);
        canvas.setOnMousePressed(e -> {
            dragX = e.getX();
            dragY = e.getY();
        });
        canvas.setOnMouseDragged(e -> {
            autoFit = false;
            panX += e.getX() - dragX;
            panY += e.getY() - dragY;
            dragX = e.getX();
            dragY = e.getY();
            dirty = true;
        });
        canvas.setOnMouseClicked(e -> {
            if (e.isStillSincePress()) {
                select(hit(e.getX(), e.getY()));
            }
        });
        canvas.setOnScroll(e -> zoomBy(e.getDeltaY() > 0 ? 1.15 : 1 / 1.15, e.getX(), e.getY()));
    }

    void onSelect(Consumer<Selection> listener) {
        onSelect = listener;
    }

    void theme(Theme t) {
        theme = t;
        dirty = true;
    }

    /** Groups by {@code value}; the caller shows a scene grouped so. Any thread may read {@link #group()}. */
    void group(Grouping value) {
        by = value;
        dirty = true;
    }

    Grouping group() {
        return by;
    }

    void search(String text) {
        search = text.toLowerCase(Locale.ROOT).strip();
        dirty = true;
    }

    void zoomBy(double factor, double aroundX, double aroundY) {
        autoFit = false;
        double z = Math.max(0.15, Math.min(4, zoom * factor));
        panX = aroundX - (aroundX - panX) * z / zoom;
        panY = aroundY - (aroundY - panY) * z / zoom;
        zoom = z;
        dirty = true;
    }

    /** Fits the whole graph in the view. */
    void fit() {
        int cells = scene.columns();
        double rows = scene.rows() + 0.2;
        zoom = Math.max(0.15, Math.min(1.3, Math.min(getWidth() / (cells * CELL + 40), getHeight() / (rows * CELL))));
        panX = Math.max(10, (getWidth() - cells * CELL * zoom) / 2);
        panY = 10;
        dirty = true;
    }

    double zoom() {
        return zoom;
    }

    long frames() {
        return frames;
    }

    void select(Selection s) {
        selected = s;
        dirty = true;
        onSelect.accept(s);
    }

    Selection selected() {
        return selected;
    }

    /** New data: hyphae that appeared start growing, those that went start withering. */
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
        Map<String, Hypha> gone = new HashMap<>();
        for (GraphScene.Part p : scene.parts()) {
            for (Group g : p.groups()) {
                g.hyphae().stream().filter(h -> !next.instances().contains(h.instance())).forEach(h -> gone.put(h.instance(), h));
            }
        }
        gone.forEach((id, h) -> {
            double[] at = lastPositions.get(id);
            if (at != null) {
                withering.put(id, new Wither(h, at[0], at[1], at[2], nowMs));
            }
        });
        boolean same = next.drawsLike(scene);
        scene = next;
        firstShow = first && next.instances().isEmpty();
        dirty |= !same;
    }

    GraphScene scene() {
        return scene;
    }

    private final Map<String, double[]> lastPositions = new HashMap<>();

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

    /** Paints if anything changed or moves; true if it painted. */
    boolean paint(long nowMs) {
        born.values().removeIf(t -> nowMs - t > GROW_MS);
        withering.values().removeIf(w -> nowMs - w.sinceMs() > GROW_MS);
        boolean animating = !born.isEmpty() || !withering.isEmpty() || !easing.isEmpty();
        easing.values().removeIf(e -> nowMs - e.sinceMs() > GROW_MS);
        if (!dirty && !animating) {
            return false;
        }
        dirty = false;
        frames++;
        if (autoFit && getWidth() > 0) {
            fit();
            dirty = false;
        }
        draw(nowMs);
        return true;
    }

    @Override
    protected void layoutChildren() {
        if (canvas.getWidth() != getWidth() || canvas.getHeight() != getHeight()) {
            canvas.setWidth(getWidth());
            canvas.setHeight(getHeight());
            dirty = true;
        }
    }

    private void draw(long nowMs) {
        GraphicsContext g = canvas.getGraphicsContext2D();
        g.setFill(theme.background());
        g.fillRect(0, 0, canvas.getWidth(), canvas.getHeight());
        spots.clear();
        lastPositions.clear();
        g.save();
        g.translate(panX, panY);
        g.scale(zoom, zoom);
        double top = 0;
        for (GraphScene.Part p : scene.parts()) {
            top = drawCluster(g, p, top, nowMs) + CELL * 0.4;
        }
        for (Wither w : withering.values()) {
            double k = 1 - (nowMs - w.sinceMs()) / (double) GROW_MS;
            drawHypha(g, w.x(), w.y(), w.angle(), REACH * k, w.hypha().tone(), 1, false);
        }
        g.restore();
    }

    /** Draws one cluster from {@code top}; returns where the next one may start. */
    private double drawCluster(GraphicsContext g, GraphScene.Part part, double top, long nowMs) {
        ClusterSnapshot s = part.snapshot();
        Map<String, Double> rps = part.rpsPerInstance();
        g.setFont(TITLE);
        g.setTextBaseline(VPos.TOP);
        g.setTextAlign(TextAlignment.LEFT);
        g.setFill(theme.text());
        String title = s.cluster() + "  ·  " + s.health().level().name().toLowerCase(Locale.ROOT) + ": " + s.health().text()
                + (part.simplified() ? "  ·  healthy groups collapsed" : "");
        g.fillText(title, 0, top);
        double routersY = top + 46;
        Map<String, double[]> hubAt = new HashMap<>();
        double gridTop = top + CELL * 0.75;
        for (Group grp : part.groups()) {
            hubAt.put(grp.name(), new double[] {grp.column() * CELL + CELL / 2, gridTop + grp.row() * CELL + CELL / 2});
        }
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
                double[] p = hubAt.get(t);
                if (p != null) {
                    double bend = Math.abs(p[0] - rx) < 1 && p[1] - routersY > CELL ? CELL * 0.45 : 0;
                    g.beginPath();
                    g.moveTo(rx, routersY + 12);
                    g.quadraticCurveTo((rx + p[0]) / 2 + bend, (routersY + p[1]) / 2, p[0], p[1] - HUB);
                    g.stroke();
                }
            }
            g.setFill(r.visible() ? theme.hub() : theme.background());
            g.setStroke(r.visible() ? theme.tone(Tone.GOOD) : theme.tone(Tone.BAD));
            g.setLineWidth(2);
            g.fillRoundRect(rx - 40, routersY - 12, 80, 24, 8, 8);
            g.strokeRoundRect(rx - 40, routersY - 12, 80, 24, 8, 8);
            g.setFill(theme.text());
            g.setTextAlign(TextAlignment.CENTER);
            g.setTextBaseline(VPos.CENTER);
            g.fillText(r.node(), rx, routersY);
            spots.add(new Spot(new Selection(Selection.Kind.NODE, r.node()), rx, routersY, 40));
        }
        drawCalls(g, part, hubAt);
        for (Group grp : part.groups()) {
            double[] p = hubAt.get(grp.name());
            drawGroup(g, grp, p[0], p[1], rps, part.provenance().getOrDefault(grp.name(), Provenance.NONE), nowMs);
        }
        int rows = part.groups().isEmpty() ? 0 : part.groups().getLast().row() + 1;
        return gridTop + rows * CELL;
    }

    /**
     * App-to-app traffic through the hyphae routers: a dashed curve from the hub whose workloads
     * call to each hub running the called app (group by app: from the callers' apps is unknown, so
     * from the calling node's group when it is one), thicker with the calls per second, labelled
     * with the rate once per call.
     */
    private void drawCalls(GraphicsContext g, GraphScene.Part part, Map<String, double[]> hubAt) {
        if (part.snapshot().calls().isEmpty()) {
            return;
        }
        Map<String, List<String>> hubsOfApp = new HashMap<>();
        for (Group grp : part.groups()) {
            grp.hyphae().forEach(h -> hubsOfApp.computeIfAbsent(h.app(), k -> new ArrayList<>()).add(grp.name()));
        }
        g.save();
        g.setLineDashes(6, 5);
        for (io.mycelium.console.model.CallRow c : part.snapshot().calls()) {
            List<String> targets = switch (scene.grouping()) {
                case NODE -> hubsOfApp.getOrDefault(c.app(), List.of()).stream().distinct().toList();
                case APP -> List.of(c.app());
                case CLUSTER -> List.of();
            };
            List<String> callers = switch (scene.grouping()) {
                case NODE -> List.of(c.node());
                case APP -> hubsOfApp.entrySet().stream().filter(e -> !e.getKey().equals(c.app()))
                        .filter(e -> part.groups().stream().anyMatch(x -> x.name().equals(e.getKey())
                                && x.hyphae().stream().anyMatch(h -> part.snapshot().instances().stream()
                                .anyMatch(i -> i.id().equals(h.instance()) && i.node().equals(c.node())))))
                        .map(Map.Entry::getKey).toList();
                case CLUSTER -> List.of();
            };
            for (String from : callers) {
                double[] a = hubAt.get(from);
                boolean labelled = false;
                for (String to : targets) {
                    double[] b = hubAt.get(to);
                    if (a == null || b == null || from.equals(to)) {
                        continue;
                    }
                    g.setStroke(theme.tone(Tone.WARN).deriveColor(0, 1, 1, 0.85));
                    g.setLineWidth(width(c.rps()));
                    double mx = (a[0] + b[0]) / 2;
                    double my = (a[1] + b[1]) / 2;
                    double dx = b[0] - a[0];
                    double dy = b[1] - a[1];
                    double len = Math.max(1, Math.hypot(dx, dy));
                    double cx = mx - dy / len * CELL * 0.25;
                    double cy = my + dx / len * CELL * 0.25;
                    g.beginPath();
                    g.moveTo(a[0], a[1]);
                    g.quadraticCurveTo(cx, cy, b[0], b[1]);
                    g.stroke();
                    if (!labelled) {
                        labelled = true;
                        g.setFill(theme.tone(Tone.WARN));
                        g.setFont(SMALL);
                        g.setTextAlign(TextAlignment.CENTER);
                        g.setTextBaseline(VPos.CENTER);
                        g.fillText("\u2192 " + c.app() + " " + io.mycelium.console.format.Formats.rate(c.rps()), (mx + cx) / 2, (my + cy) / 2);
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
        g.setFont(SMALL);
        g.setTextAlign(TextAlignment.LEFT);
        g.setTextBaseline(VPos.BOTTOM);
        g.fillText("routes to " + reached + " hubs", rx + 6, railY - 2);
    }

    private void drawGroup(GraphicsContext g, Group grp, double x, double y, Map<String, Double> rps,
                           Provenance p, long nowMs) {
        Selection.Kind kind = switch (scene.grouping()) {
            case NODE -> Selection.Kind.NODE;
            case APP -> Selection.Kind.APP;
            case CLUSTER -> Selection.Kind.CLUSTER;
        };
        List<Hypha> hyphae = grp.hyphae();
        if (!grp.collapsed()) {
            for (int k = 0; k < hyphae.size(); k++) {
                Hypha h = hyphae.get(k);
                double angle = angleOf(h.instance(), angle(k, hyphae.size()), nowMs);
                Long since = born.get(h.instance());
                double grow = since == null ? 1 : Math.min(1, (nowMs - since) / (double) GROW_MS);
                boolean hit = matches(h.instance()) || matches(h.app());
                drawHypha(g, x, y, angle, REACH * grow, h.tone(), width(rps.getOrDefault(h.app(), 0.0)), hit
                        || selected.id().equals(h.instance()));
                if (zoom >= 0.7 && hyphae.size() <= 8) {
                    g.setFont(SMALL);
                    g.setFill(theme.muted());
                    g.setTextAlign(TextAlignment.CENTER);
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
        g.setFont(COUNT);
        g.fillText(grp.collapsed() ? String.valueOf(hyphae.size()) : String.valueOf(grp.count(Tone.GOOD)), x, y);
        g.setFont(NAME);
        g.fillText(grp.name() + (kind == Selection.Kind.NODE && grp.visible() ? " " + grp.cpuPercent() + "%" : ""), x, y + HUB + 14);
        if (p.trust() != io.mycelium.console.events.AuditEvent.Trust.NONE) {
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
            g.setFont(SMALL);
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

    /** What lies under the canvas point, smallest first (an instance before its hub). */
    private Selection hit(double cx, double cy) {
        double x = (cx - panX) / zoom;
        double y = (cy - panY) / zoom;
        Spot best = null;
        for (Spot s : spots) {
            double d = Math.hypot(s.x() - x, s.y() - y);
            if (d <= s.r() && (best == null || s.r() < best.r())) {
                best = s;
            }
        }
        return best == null ? Selection.NONE : best.what();
    }

    /** Where {@code id} (a group, an edge or an instance) was last painted, in this view's coordinates. */
    java.util.Optional<javafx.geometry.Point2D> where(String id) {
        return spots.stream().filter(s -> s.what().id().equals(id)).findFirst()
                .map(s -> new javafx.geometry.Point2D(panX + s.x() * zoom, panY + s.y() * zoom));
    }

    /** The first group or instance matching the search, centred in the view. */
    Selection findFirst() {
        for (Spot s : spots) {
            if (matches(s.what().id())) {
                panX = getWidth() / 2 - s.x() * zoom;
                panY = getHeight() / 2 - s.y() * zoom;
                dirty = true;
                return s.what();
            }
        }
        return Selection.NONE;
    }
}
