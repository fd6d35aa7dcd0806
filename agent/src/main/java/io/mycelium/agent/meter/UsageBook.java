package io.mycelium.agent.meter;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.mycelium.fabric.model.Price;
import io.mycelium.fabric.model.Usage;
import io.mycelium.spore.json.JsonMappers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * This node's usage counters: per app the totals it publishes, per instance the last CPU reading
 * it charged. {@link #charge} adds what each instance used since its last reading, at the price in
 * force; counters only grow. The book is saved to one file after every charge (temp file, then
 * rename) and loaded at start, so an instance adopted after an agent restart is charged only for
 * what it used since the last saved reading. Not thread-safe: the meter's one thread owns it.
 */
final class UsageBook {
    private static final ObjectMapper JSON = JsonMappers.canonical();

    /** One running instance to charge. */
    record Running(String instanceId, String app, long cpuMillis, long rssMb) {
    }

    /** What the file holds. */
    record Saved(Map<String, Usage> apps, Map<String, Long> lastCpu, long lastChargeMs) {
        Saved {
            apps = apps == null ? Map.of() : Map.copyOf(apps);
            lastCpu = lastCpu == null ? Map.of() : Map.copyOf(lastCpu);
        }
    }

    private final Path file;
    private final Map<String, Usage> apps = new TreeMap<>();
    private final Map<String, Long> lastCpu = new HashMap<>();
    private long lastChargeMs;

    private UsageBook(Path file) {
        this.file = Objects.requireNonNull(file, "file");
    }

    /** The book saved at {@code file}, or an empty one if there is none yet. */
    static UsageBook open(Path file) throws IOException {
        UsageBook b = new UsageBook(file);
        try {
            Saved s = JSON.readValue(Files.readString(file), Saved.class);
            b.apps.putAll(s.apps());
            b.lastCpu.putAll(s.lastCpu());
            b.lastChargeMs = s.lastChargeMs();
        } catch (NoSuchFileException e) {
            // first start
        } catch (IOException e) {
            throw new IOException("usage counters in " + file + " are unreadable (" + e.getMessage()
                    + "); move the file away to start counting from zero", e);
        }
        return b;
    }

    /**
     * Charges the instances running now, at {@code price}, for the time since the last charge;
     * returns the app records that changed. Memory is charged for instances seen at both charges.
     */
    List<Usage> charge(List<Running> running, Price price, long nowMs) {
        long dt = lastChargeMs == 0 ? 0 : Math.max(0, nowMs - lastChargeMs);
        Map<String, long[]> added = new TreeMap<>(); // app -> {cpuMillis, mbMillis, microCredits, instances}
        Map<String, Long> seen = new HashMap<>();
        for (Running r : running) {
            Long last = lastCpu.get(r.instanceId());
            long cpu = last == null ? r.cpuMillis() : Math.max(0, r.cpuMillis() - last);
            long mbMs = last == null ? 0 : r.rssMb() * dt;
            long[] a = added.computeIfAbsent(r.app(), k -> new long[4]);
            a[0] += cpu;
            a[1] += mbMs;
            a[2] += Math.round(price.cost(cpu, mbMs) * 1e6);
            a[3]++;
            seen.put(r.instanceId(), r.cpuMillis());
        }
        lastCpu.clear();
        lastCpu.putAll(seen);
        lastChargeMs = nowMs;
        List<Usage> changed = new java.util.ArrayList<>();
        for (String app : union(apps.keySet(), added.keySet())) {
            long[] a = added.getOrDefault(app, new long[4]);
            Usage before = apps.get(app);
            double burn = dt == 0 ? 0 : a[2] / 1e6 * 3_600_000.0 / dt;
            Usage after = before == null
                    ? new Usage(app, a[0], a[1], a[2], burn, (int) a[3], nowMs)
                    : new Usage(app, before.cpuMillis() + a[0], before.mbMillis() + a[1], before.microCredits() + a[2], burn, (int) a[3], nowMs);
            apps.put(app, after);
            if (before == null || !sameCounts(before, after)) {
                changed.add(after);
            }
        }
        return changed;
    }

    private static boolean sameCounts(Usage a, Usage b) {
        return a.cpuMillis() == b.cpuMillis() && a.mbMillis() == b.mbMillis() && a.microCredits() == b.microCredits()
                && a.instances() == b.instances() && a.burnPerHour() == b.burnPerHour();
    }

    private static java.util.SortedSet<String> union(java.util.Set<String> a, java.util.Set<String> b) {
        java.util.SortedSet<String> out = new java.util.TreeSet<>(a);
        out.addAll(b);
        return out;
    }

    /** Every app's counters, by app. */
    Map<String, Usage> apps() {
        return Map.copyOf(apps);
    }

    void save() throws IOException {
        Files.createDirectories(file.getParent());
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, JSON.writeValueAsString(new Saved(apps, lastCpu, lastChargeMs)));
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}
