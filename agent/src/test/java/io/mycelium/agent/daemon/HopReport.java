package io.mycelium.agent.daemon;

import io.mycelium.agent.trace.Hops;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The agents' hop marks ({@link Hops}, written to their logs when they run with
 * {@code -Dmycelium.agent.hops=true}) lined up with the benchmark's submit time of each app, plus
 * one hop the workload itself marks: the modification time of its {@code stdout.log}, which the
 * greeter writes once, when it listens.
 */
final class HopReport {
    /** The hops in the order an instance passes them. */
    static final List<String> ORDER = List.of("decided", "prepared", "handed-to-supervisor", "launch-begin", "dirs-ready",
            "cgroup-ready", "process-started", "listening", "first-probe", "probe-ok", "saved", "ready", "endpoint-published");

    private final Map<String, Map<String, Long>> byInstance = new TreeMap<>(); // instance -> hop -> first epoch micros

    /** Reads the marks in every {@code *.log} directly under {@code root}, and the stdout.log times under it. */
    static HopReport read(Path root) throws IOException {
        HopReport r = new HopReport();
        try (Stream<Path> logs = Files.list(root)) {
            for (Path log : logs.filter(p -> p.getFileName().toString().endsWith(".log")).toList()) {
                for (String line : Files.readAllLines(log)) {
                    Hops.Mark m = Hops.Mark.parse(line);
                    if (m != null) {
                        String hop = m.hop().equals("probe-failed") || m.hop().equals("probe-ok") ? "first-probe" : m.hop();
                        r.byInstance.computeIfAbsent(m.instanceId(), k -> new LinkedHashMap<>()).merge(hop, m.epochMicros(), Math::min);
                        if (m.hop().equals("probe-ok")) {
                            r.byInstance.get(m.instanceId()).merge("probe-ok", m.epochMicros(), Math::min);
                        }
                    }
                }
            }
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path out : walk.filter(p -> p.endsWith(Path.of("logs", "stdout.log"))).toList()) {
                String id = out.getParent().getParent().getFileName().toString();
                Map<String, Long> hops = r.byInstance.get(id);
                if (hops != null && Files.size(out) > 0) {
                    hops.put("listening", Files.getLastModifiedTime(out).to(java.util.concurrent.TimeUnit.MICROSECONDS));
                }
            }
        }
        return r;
    }

    /**
     * A table: for each hop, ms after the app's submit, median and max over all instances, and the
     * same for the instance of each run that was published last.
     *
     * @param submitMicros the submit time of each app (epoch micros), by app name
     */
    String table(Map<String, Long> submitMicros) {
        Map<String, List<Double>> all = new LinkedHashMap<>();
        Map<String, List<Double>> last = new LinkedHashMap<>();
        ORDER.forEach(h -> {
            all.put(h, new ArrayList<>());
            last.put(h, new ArrayList<>());
        });
        for (var app : submitMicros.entrySet()) {
            List<Map<String, Long>> mine = byInstance.entrySet().stream()
                    .filter(e -> e.getKey().startsWith(app.getKey() + "-")).map(Map.Entry::getValue)
                    .filter(h -> h.containsKey("endpoint-published")).toList();
            Map<String, Long> slowest = mine.stream().max(java.util.Comparator.comparing(h -> h.get("endpoint-published"))).orElse(null);
            for (Map<String, Long> hops : mine) {
                for (var h : hops.entrySet()) {
                    if (all.containsKey(h.getKey())) {
                        double ms = (h.getValue() - app.getValue()) / 1000.0;
                        all.get(h.getKey()).add(ms);
                        if (hops == slowest) {
                            last.get(h.getKey()).add(ms);
                        }
                    }
                }
            }
        }
        StringBuilder md = new StringBuilder("| hop inside the agent (ms after submit) | all instances: median | max | n "
                + "| last-published instance of each run: median | max |\n|---|---:|---:|---:|---:|---:|\n");
        for (String h : ORDER) {
            List<Double> a = sorted(all.get(h));
            List<Double> l = sorted(last.get(h));
            if (!a.isEmpty()) {
                md.append(String.format(Locale.ROOT, "| %s | %.1f | %.1f | %d | %s | %s |%n", h, median(a), a.get(a.size() - 1), a.size(),
                        l.isEmpty() ? "" : String.format(Locale.ROOT, "%.1f", median(l)),
                        l.isEmpty() ? "" : String.format(Locale.ROOT, "%.1f", l.get(l.size() - 1))));
            }
        }
        return md.toString();
    }

    /** One line per instance: each hop's ms after its app's submit (for reading slow runs one by one). */
    String perInstance(Map<String, Long> submitMicros) {
        StringBuilder out = new StringBuilder("instance " + String.join(" ", ORDER) + "\n");
        for (var app : submitMicros.entrySet()) {
            byInstance.entrySet().stream().filter(e -> e.getKey().startsWith(app.getKey() + "-")).forEach(e -> {
                out.append(e.getKey());
                for (String h : ORDER) {
                    Long t = e.getValue().get(h);
                    out.append(' ').append(t == null ? "-" : String.format(Locale.ROOT, "%.1f", (t - app.getValue()) / 1000.0));
                }
                out.append('\n');
            });
        }
        return out.toString();
    }

    private static List<Double> sorted(List<Double> xs) {
        List<Double> s = new ArrayList<>(xs);
        Collections.sort(s);
        return s;
    }

    private static double median(List<Double> sorted) {
        return sorted.get((int) Math.ceil(0.5 * sorted.size()) - 1);
    }
}
