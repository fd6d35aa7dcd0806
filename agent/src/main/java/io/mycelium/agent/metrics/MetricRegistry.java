package io.mycelium.agent.metrics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import java.util.logging.Logger;
import java.util.regex.Pattern;

/**
 * Named metrics with labels, and collectors evaluated at scrape time. Asking twice for the same
 * name and labels returns the same metric; asking for a name with another type or help is a bug
 * and throws. Thread-safe.
 */
public final class MetricRegistry {
    private static final Logger LOG = Logger.getLogger(MetricRegistry.class.getName());
    private static final Pattern NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    private static final Pattern LABEL = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");

    private final Map<String, Family> families = new LinkedHashMap<>();
    private final List<Supplier<List<CollectedFamily>>> collectors = new CopyOnWriteArrayList<>();

    private static final class Family {
        final String name;
        final String help;
        final MetricType type;
        final double[] bounds;
        final Map<Map<String, String>, Object> children = new LinkedHashMap<>();

        Family(String name, String help, MetricType type, double[] bounds) {
            this.name = name;
            this.help = help;
            this.type = type;
            this.bounds = bounds;
        }
    }

    public Counter counter(String name, String help, String... labels) {
        return (Counter) child(name, help, MetricType.COUNTER, null, labels);
    }

    public Gauge gauge(String name, String help, String... labels) {
        return (Gauge) child(name, help, MetricType.GAUGE, null, labels);
    }

    /** A histogram with the given upper bounds (the {@code +Inf} bucket is implied). */
    public Histogram histogram(String name, String help, double[] bounds, String... labels) {
        return (Histogram) child(name, help, MetricType.HISTOGRAM, bounds.clone(), labels);
    }

    /** Adds a collector; it runs at every scrape, must be quick, and must not call back into this registry. */
    public void collector(Supplier<List<CollectedFamily>> collector) {
        collectors.add(Objects.requireNonNull(collector, "collector"));
    }

    private synchronized Object child(String name, String help, MetricType type, double[] bounds, String... labels) {
        checkName(name);
        Objects.requireNonNull(help, "help");
        Map<String, String> key = labels(name, labels);
        Family f = families.get(name);
        if (f == null) {
            f = new Family(name, help, type, bounds);
            families.put(name, f);
        } else if (f.type != type || (bounds != null && !java.util.Arrays.equals(bounds, f.bounds))) {
            throw new IllegalArgumentException("metric " + name + " is already a " + f.type.wireName() + " with other settings");
        }
        Family family = f;
        return f.children.computeIfAbsent(key, k -> switch (type) {
            case COUNTER -> new Counter();
            case GAUGE -> new Gauge();
            case HISTOGRAM -> new Histogram(family.bounds);
        });
    }

    private static Map<String, String> labels(String name, String... pairs) {
        if (pairs.length % 2 != 0) {
            throw new IllegalArgumentException("metric " + name + ": labels come in name, value pairs");
        }
        Map<String, String> out = new TreeMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            checkLabelName(pairs[i]);
            out.put(pairs[i], Objects.requireNonNull(pairs[i + 1], "label value"));
        }
        return java.util.Collections.unmodifiableMap(out);
    }

    static void checkName(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("metric name '" + name + "' is not [a-zA-Z_:][a-zA-Z0-9_:]*");
        }
    }

    static void checkLabelName(String name) {
        if (name == null || !LABEL.matcher(name).matches() || name.startsWith("__")) {
            throw new IllegalArgumentException("label name '" + name + "' is not [a-zA-Z_][a-zA-Z0-9_]* (and not __*)");
        }
    }

    /** Every metric in the Prometheus text format 0.0.4 (registered families first, then collected ones). */
    public String scrape() {
        StringBuilder out = new StringBuilder(4096);
        synchronized (this) {
            for (Family f : families.values()) {
                header(out, f.name, f.help, f.type);
                for (Map.Entry<Map<String, String>, Object> c : f.children.entrySet()) {
                    switch (c.getValue()) {
                        case Counter counter -> line(out, f.name, c.getKey(), null, counter.value());
                        case Gauge gauge -> line(out, f.name, c.getKey(), null, gauge.value());
                        case Histogram h -> histogram(out, f.name, c.getKey(), h);
                        default -> throw new IllegalStateException("unknown metric " + c.getValue());
                    }
                }
            }
        }
        for (Supplier<List<CollectedFamily>> collector : collectors) {
            try {
                out.append(render(collector.get()));
            } catch (RuntimeException e) {
                LOG.warning("metrics: a collector failed: " + e);
            }
        }
        return out.toString();
    }

    /** Families computed elsewhere, in the same text format. */
    public static String render(List<CollectedFamily> families) {
        StringBuilder out = new StringBuilder();
        for (CollectedFamily f : families) {
            header(out, f.name(), f.help(), f.type());
            for (Sample s : f.samples()) {
                line(out, f.name(), s.labels(), null, s.value());
            }
        }
        return out.toString();
    }

    private static void header(StringBuilder out, String name, String help, MetricType type) {
        out.append("# HELP ").append(name).append(' ').append(escapeHelp(help)).append('\n');
        out.append("# TYPE ").append(name).append(' ').append(type.wireName()).append('\n');
    }

    private static void histogram(StringBuilder out, String name, Map<String, String> labels, Histogram h) {
        double[] bounds = h.bounds();
        long[] cumulative = h.cumulative();
        long count = h.count();
        for (int i = 0; i < bounds.length; i++) {
            line(out, name + "_bucket", labels, number(bounds[i]), Math.min(cumulative[i], count));
        }
        line(out, name + "_bucket", labels, "+Inf", count);
        line(out, name + "_sum", labels, null, h.sum());
        line(out, name + "_count", labels, null, count);
    }

    private static void line(StringBuilder out, String name, Map<String, String> labels, String le, double value) {
        out.append(name);
        if (!labels.isEmpty() || le != null) {
            out.append('{');
            List<String> parts = new ArrayList<>();
            labels.forEach((k, v) -> parts.add(k + "=\"" + escapeLabel(v) + "\""));
            if (le != null) {
                parts.add("le=\"" + le + "\"");
            }
            out.append(String.join(",", parts)).append('}');
        }
        out.append(' ').append(number(value)).append('\n');
    }

    static String number(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "+Inf" : "-Inf";
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return Double.toString(v);
    }

    private static String escapeHelp(String s) {
        return s.replace("\\", "\\\\").replace("\n", "\\n");
    }

    private static String escapeLabel(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }
}
