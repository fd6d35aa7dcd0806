package io.mycelium.edge.observe;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Per-app request counters, error counters and latency histograms, rendered as Prometheus text.
 * Requests that name no known app are counted under app {@code "-"} so that clients cannot
 * create labels at will. Thread-safe and lock-free on the request path.
 */
public final class EdgeMetrics {

    /** The app label for requests that named no known app. */
    public static final String NO_APP = "-";

    private static final double[] EXPORTED_LE = {
        0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60};

    private final Map<String, AppMetrics> apps = new ConcurrentHashMap<>();
    private final Map<String, Map<String, RevisionMetrics>> revisions = new ConcurrentHashMap<>();

    /** The counters of one revision of an app (requests routed to it), for the rollout analysis. */
    public static final class RevisionMetrics {
        private final LongAdder requests = new LongAdder();
        private final LongAdder errors = new LongAdder();
        private final LatencyHistogram latency = new LatencyHistogram();

        public long requests() {
            return requests.sum();
        }

        /** Answers with a 5xx status. */
        public long errors() {
            return errors.sum();
        }

        public LatencyHistogram latency() {
            return latency;
        }
    }

    /** The counters of one app. */
    public static final class AppMetrics {
        private final LongAdder[] byClass = newAdders(5);
        private final LongAdder[] errors = newAdders(ErrorClass.values().length);
        private final LatencyHistogram latency = new LatencyHistogram();

        private static LongAdder[] newAdders(int n) {
            LongAdder[] a = new LongAdder[n];
            for (int i = 0; i < n; i++) {
                a[i] = new LongAdder();
            }
            return a;
        }

        /** Requests answered with a status in class {@code statusClass} (1..5). */
        public long requests(int statusClass) {
            return byClass[statusClass - 1].sum();
        }

        /** All requests answered. */
        public long requests() {
            long n = 0;
            for (LongAdder a : byClass) {
                n += a.sum();
            }
            return n;
        }

        public long errors(ErrorClass c) {
            return errors[c.ordinal()].sum();
        }

        public LatencyHistogram latency() {
            return latency;
        }
    }

    /** The metrics of {@code app}, created on first use. */
    public AppMetrics app(String app) {
        AppMetrics m = apps.get(app);
        return m != null ? m : apps.computeIfAbsent(app, a -> new AppMetrics());
    }

    /** Apps with metrics, sorted. */
    public List<String> apps() {
        return new ArrayList<>(new TreeMap<>(apps).keySet());
    }

    /** Records one answered request. */
    public void request(String app, int status, long nanos) {
        AppMetrics m = app(app);
        int statusClass = Math.max(1, Math.min(5, status / 100));
        m.byClass[statusClass - 1].increment();
        m.latency.record(nanos);
    }

    /** Records one answered request that was routed to {@code revision} of {@code app} (null: to none). */
    public void request(String app, String revision, int status, long nanos) {
        request(app, status, nanos);
        if (revision != null) {
            RevisionMetrics r = revision(app, revision);
            r.requests.increment();
            if (status >= 500) {
                r.errors.increment();
            }
            r.latency.record(nanos);
        }
    }

    /** The metrics of one revision of {@code app}, created on first use. */
    public RevisionMetrics revision(String app, String revision) {
        Map<String, RevisionMetrics> byRevision = revisions.computeIfAbsent(app, a -> new ConcurrentHashMap<>());
        RevisionMetrics m = byRevision.get(revision);
        return m != null ? m : byRevision.computeIfAbsent(revision, r -> new RevisionMetrics());
    }

    /** The revisions of {@code app} with metrics, sorted. */
    public List<String> revisions(String app) {
        return new ArrayList<>(new TreeMap<>(revisions.getOrDefault(app, Map.of())).keySet());
    }

    /** Records one error. */
    public void error(String app, ErrorClass c) {
        app(app).errors[c.ordinal()].increment();
    }

    /** Prometheus text exposition (format 0.0.4). */
    public String prometheus() {
        Map<String, AppMetrics> sorted = new TreeMap<>(apps);
        StringBuilder b = new StringBuilder(4096);
        b.append("# HELP mycelium_edge_requests_total Requests answered by the edge, by app and status class.\n");
        b.append("# TYPE mycelium_edge_requests_total counter\n");
        sorted.forEach((app, m) -> {
            for (int c = 1; c <= 5; c++) {
                b.append("mycelium_edge_requests_total{app=\"").append(escape(app)).append("\",code=\"")
                        .append(c).append("xx\"} ").append(m.requests(c)).append('\n');
            }
        });
        b.append("# HELP mycelium_edge_errors_total Requests that failed, by app and error class.\n");
        b.append("# TYPE mycelium_edge_errors_total counter\n");
        sorted.forEach((app, m) -> {
            for (ErrorClass c : ErrorClass.values()) {
                b.append("mycelium_edge_errors_total{app=\"").append(escape(app)).append("\",class=\"")
                        .append(c.label()).append("\"} ").append(m.errors(c)).append('\n');
            }
        });
        b.append("# HELP mycelium_edge_request_duration_seconds Time from request to the end of the response.\n");
        b.append("# TYPE mycelium_edge_request_duration_seconds histogram\n");
        sorted.forEach((app, m) -> histogram(b, app, m.latency));
        b.append("# HELP mycelium_edge_request_duration_quantile_seconds Latency quantiles since start.\n");
        b.append("# TYPE mycelium_edge_request_duration_quantile_seconds gauge\n");
        sorted.forEach((app, m) -> {
            long[] counts = m.latency.snapshot();
            for (double q : new double[] {0.5, 0.9, 0.99}) {
                b.append("mycelium_edge_request_duration_quantile_seconds{app=\"").append(escape(app))
                        .append("\",quantile=\"").append(q).append("\"} ")
                        .append(seconds(LatencyHistogram.quantile(counts, q))).append('\n');
            }
        });
        return b.toString();
    }

    private static void histogram(StringBuilder b, String app, LatencyHistogram h) {
        long[] counts = h.snapshot();
        String label = escape(app);
        long cumulative = 0;
        int i = 0;
        for (double le : EXPORTED_LE) {
            long bound = Math.round(le * 1e9);
            while (i < counts.length && LatencyHistogram.upperBound(i) <= bound) {
                cumulative += counts[i++];
            }
            b.append("mycelium_edge_request_duration_seconds_bucket{app=\"").append(label).append("\",le=\"")
                    .append(le).append("\"} ").append(cumulative).append('\n');
        }
        long total = 0;
        for (long c : counts) {
            total += c;
        }
        b.append("mycelium_edge_request_duration_seconds_bucket{app=\"").append(label).append("\",le=\"+Inf\"} ")
                .append(total).append('\n');
        b.append("mycelium_edge_request_duration_seconds_sum{app=\"").append(label).append("\"} ")
                .append(seconds(h.sumNanos())).append('\n');
        b.append("mycelium_edge_request_duration_seconds_count{app=\"").append(label).append("\"} ")
                .append(total).append('\n');
    }

    private static String seconds(long nanos) {
        return Double.toString(nanos / 1e9);
    }

    private static String escape(String v) {
        return v.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }
}
