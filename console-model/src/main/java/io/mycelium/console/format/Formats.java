package io.mycelium.console.format;

import java.util.List;
import java.util.Locale;

/** How the consoles write numbers: short, unit-bearing, the same in every view. */
public final class Formats {
    private static final char[] BARS = {'▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'};

    private Formats() {
    }

    /** An age or duration in its largest whole unit: {@code 0s}, {@code 45s}, {@code 3m}, {@code 2h}, {@code 4d}. */
    public static String age(long ms) {
        if (ms < 0) {
            return "-";
        }
        long s = ms / 1000;
        if (s < 60) {
            return s + "s";
        }
        if (s < 3600) {
            return s / 60 + "m";
        }
        if (s < 86_400) {
            return s / 3600 + "h";
        }
        return s / 86_400 + "d";
    }

    /** A rate per second: {@code 0/s}, {@code 4.2/s}, {@code 87/s}, {@code 1.3k/s}. */
    public static String rate(double perSecond) {
        if (perSecond <= 0) {
            return "0/s";
        }
        if (perSecond < 10) {
            return String.format(Locale.ROOT, "%.1f/s", perSecond);
        }
        if (perSecond < 1000) {
            return String.format(Locale.ROOT, "%.0f/s", perSecond);
        }
        return String.format(Locale.ROOT, "%.1fk/s", perSecond / 1000);
    }

    /** A latency in milliseconds: {@code -} when unknown, {@code 0.8ms}, {@code 12ms}, {@code 1.4s}. */
    public static String millis(double ms) {
        if (ms < 0 || Double.isNaN(ms)) {
            return "-";
        }
        if (ms < 10) {
            return String.format(Locale.ROOT, "%.1fms", ms);
        }
        if (ms < 1000) {
            return String.format(Locale.ROOT, "%.0fms", ms);
        }
        return String.format(Locale.ROOT, "%.1fs", ms / 1000);
    }

    /** A percentage of {@code used} in {@code total}: {@code 37%}, or {@code -} when the total is unknown. */
    public static String percent(long used, long total) {
        return total <= 0 ? "-" : Math.round(100.0 * used / total) + "%";
    }

    /**
     * The last {@code width} values as bar characters, scaled to {@code ceiling} (or to the largest
     * value when {@code ceiling} is not positive); padded on the left with spaces.
     */
    public static String sparkline(List<Double> values, int width, double ceiling) {
        List<Double> last = values.subList(Math.max(0, values.size() - width), values.size());
        double top = ceiling;
        if (top <= 0) {
            top = last.stream().mapToDouble(Double::doubleValue).max().orElse(0);
        }
        StringBuilder sb = new StringBuilder(width);
        sb.append(" ".repeat(width - last.size()));
        for (double v : last) {
            int level = top <= 0 ? 0 : (int) Math.round(Math.min(1, Math.max(0, v / top)) * (BARS.length - 1));
            sb.append(BARS[level]);
        }
        return sb.toString();
    }

    /** {@code text} cut to {@code width} characters, ending in {@code …} when cut. */
    public static String fit(String text, int width) {
        if (width <= 0) {
            return "";
        }
        return text.length() <= width ? text : text.substring(0, width - 1) + "…";
    }
}
