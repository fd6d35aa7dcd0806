package io.mycelium.console.fx;

import io.mycelium.console.model.AppRow;
import io.mycelium.console.series.Series;
import java.util.ArrayList;
import java.util.List;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;

/**
 * The last minutes of one app: requests/s, p99 against its SLO, restarts and its credit burn per
 * hour (the model's series, one sample a second).
 */
final class ChartsPane extends HBox {
    final LineChart<Number, Number> rps = chart("requests/s");
    final LineChart<Number, Number> p99 = chart("p99 ms (SLO dashed)");
    final LineChart<Number, Number> restarts = chart("restarts");
    final LineChart<Number, Number> burn = chart("credits/h");
    private String shownKey = "";

    ChartsPane() {
        setSpacing(4);
        burn.setId("burn-chart");
        getChildren().addAll(rps, p99, restarts, burn);
        for (LineChart<Number, Number> c : List.of(rps, p99, restarts, burn)) {
            HBox.setHgrow(c, Priority.ALWAYS);
        }
    }

    private static LineChart<Number, Number> chart(String title) {
        NumberAxis x = new NumberAxis();
        x.setLabel("seconds ago");
        x.setAutoRanging(false);
        x.setLowerBound(-300);
        x.setUpperBound(0);
        x.setTickUnit(60);
        NumberAxis y = new NumberAxis();
        y.setAutoRanging(false);
        y.setLowerBound(0);
        y.setUpperBound(1);
        y.setTickUnit(0.25);
        LineChart<Number, Number> c = new LineChart<>(x, y);
        c.setTitle(title);
        c.setCreateSymbols(false);
        c.setAnimated(false);
        c.setLegendVisible(false);
        c.setMinHeight(120);
        c.setPrefWidth(300);
        return c;
    }

    /** Shows {@code app}'s series (its restarts and burn from the session's series); nothing when empty. */
    void show(AppRow app, Series restartSeries, Series burnSeries) {
        String key = app == null ? "" : app.app() + "@" + app.rpsSeries().lastAtMs() + "/" + restartSeries.lastAtMs();
        if (key.equals(shownKey)) {
            return;
        }
        shownKey = key;
        if (app == null) {
            for (LineChart<Number, Number> c : List.of(rps, p99, restarts, burn)) {
                c.getData().clear();
            }
            return;
        }
        int samples = Math.max(app.rpsSeries().values().size(), restartSeries.values().size());
        for (LineChart<Number, Number> c : List.of(rps, p99, restarts, burn)) {
            NumberAxis x = (NumberAxis) c.getXAxis();
            double span = span(samples, app.rpsSeries().stepMs());
            x.setLowerBound(-span);
            x.setTickUnit(span <= 60 ? 10 : 60);
            c.setCreateSymbols(samples < 3);
        }
        range(rps, app.rpsSeries().max(), 1);
        range(p99, Math.max(app.p99Series().max(), app.sloP99Ms()), 10);
        range(restarts, restartSeries.max(), 5);
        range(burn, burnSeries.max(), 0.01);
        rps.setTitle("requests/s of " + app.app());
        rps.getData().setAll(List.of(series(app.rpsSeries(), -1)));
        List<XYChart.Series<Number, Number>> lat = new ArrayList<>();
        lat.add(series(app.p99Series(), -1));
        if (app.sloP99Ms() > 0) {
            lat.add(series(app.p99Series(), app.sloP99Ms()));
        }
        p99.setTitle("p99 ms of " + app.app() + (app.sloP99Ms() > 0 ? " (SLO " + app.sloP99Ms() + " ms)" : " (no SLO)"));
        p99.getData().setAll(lat);
        if (lat.size() > 1 && lat.get(1).getNode() != null) {
            lat.get(1).getNode().setStyle("-fx-stroke-dash-array: 6 4; -fx-stroke-width: 1.5;");
        }
        restarts.setTitle("restarts of " + app.app());
        restarts.getData().setAll(List.of(series(restartSeries, -1)));
        burn.setTitle(String.format(java.util.Locale.ROOT, "credits/h of %s (now %.3f)", app.app(), burnSeries.last()));
        burn.getData().setAll(List.of(series(burnSeries, -1)));
    }

    /**
     * How many seconds the x axis spans: the last five minutes once there are that many samples,
     * else the samples there are (at least a minute), so that a fresh series is not a sliver at the right edge.
     */
    static double span(int samples, long stepMs) {
        return Math.min(300, Math.max(60, Math.ceil((samples - 1) * stepMs / 1000.0 / 10) * 10));
    }

    /** The y axis from 0 to a round number above {@code max} (at least {@code least}), four or five ticks. */
    static void range(LineChart<Number, Number> c, double max, double least) {
        NumberAxis y = (NumberAxis) c.getYAxis();
        double top = nice(Math.max(least, max * 1.15));
        y.setUpperBound(top);
        y.setTickUnit(top / 4);
    }

    /** The smallest of 1, 2, 2.5, 5 x 10^k at or above {@code v}. */
    static double nice(double v) {
        double p = Math.pow(10, Math.floor(Math.log10(v)));
        for (double m : new double[] {1, 2, 2.5, 5, 10}) {
            if (m * p >= v - 1e-12) {
                return m * p;
            }
        }
        return 10 * p;
    }

    /** The series as points at seconds before now; {@code flat >= 0} draws that constant over the same span. */
    private static XYChart.Series<Number, Number> series(Series s, double flat) {
        XYChart.Series<Number, Number> out = new XYChart.Series<>();
        List<Double> v = s.values();
        List<XYChart.Data<Number, Number>> points = new ArrayList<>(v.size());
        for (int i = 0; i < v.size(); i++) {
            double secondsAgo = -(v.size() - 1 - i) * s.stepMs() / 1000.0;
            points.add(new XYChart.Data<>(secondsAgo, flat >= 0 ? flat : v.get(i)));
        }
        out.getData().setAll(points);
        return out;
    }
}
