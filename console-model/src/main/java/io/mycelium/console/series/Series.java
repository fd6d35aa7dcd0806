package io.mycelium.console.series;

import java.util.List;

/** Samples of one quantity, oldest first, {@code stepMs} apart; the newest was taken at {@code lastAtMs}. */
public record Series(List<Double> values, long stepMs, long lastAtMs) {
    public static final Series EMPTY = new Series(List.of(), 1000, 0);

    public Series {
        values = List.copyOf(values);
    }

    /** The name of an app's requests/s series. */
    public static String rps(String app) {
        return "rps/" + app;
    }

    /** The name of an app's p99 (ms) series. */
    public static String p99(String app) {
        return "p99/" + app;
    }

    /** The name of an app's credit burn series (credits per hour, the ledger's burn rate). */
    public static String burn(String app) {
        return "burn/" + app;
    }

    /** The name of an app's restart-count series (the sum over its instances). */
    public static String restarts(String app) {
        return "restarts/" + app;
    }

    public double last() {
        return values.isEmpty() ? 0 : values.getLast();
    }

    public double max() {
        return values.stream().mapToDouble(Double::doubleValue).max().orElse(0);
    }
}
