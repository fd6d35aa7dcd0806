package io.mycelium.agent.meter;

import io.mycelium.fabric.model.Price;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The meter's cost with 50 instances: 50 real processes, each in its own group ({@code setsid
 * sleep}), read from /proc and charged into a book, as one meter tick does; CPU time of this thread
 * per tick, and the share of a core at one tick every 2 s. Not a test: a measurement, printed. Every
 * process it starts is stopped by its pid.
 */
public final class MeterBench {
    private MeterBench() {
    }

    public static void main(String[] args) throws Exception {
        List<Process> procs = new ArrayList<>();
        try {
            for (int i = 0; i < 50; i++) {
                procs.add(new ProcessBuilder("setsid", "sleep", "120").start());
            }
            Set<Long> pgids = new HashSet<>();
            procs.forEach(p -> pgids.add(p.pid()));
            GroupUsage groups = new GroupUsage(Path.of("/proc"));
            UsageBook book = UsageBook.open(java.nio.file.Files.createTempDirectory("meter-bench").resolve("usage.json"));
            var bean = ManagementFactory.getThreadMXBean();
            int ticks = 200;
            long found = 0;
            for (int round = 0; round < 2; round++) {
                long cpu0 = bean.getCurrentThreadCpuTime();
                long t0 = System.nanoTime();
                for (int t = 0; t < ticks; t++) {
                    var readings = groups.read(pgids);
                    found += readings.size();
                    List<UsageBook.Running> running = new ArrayList<>();
                    int i = 0;
                    for (var e : readings.entrySet()) {
                        running.add(new UsageBook.Running("i" + e.getKey(), "app" + (i++ % 5), e.getValue().cpuMillis(), e.getValue().rssMb()));
                    }
                    book.charge(running, Price.DEFAULT, 1_000L + t * 2_000L + round * 1_000_000L);
                    book.save();
                }
                double cpuMs = (bean.getCurrentThreadCpuTime() - cpu0) / 1e6 / ticks;
                double wallMs = (System.nanoTime() - t0) / 1e6 / ticks;
                System.out.printf(Locale.ROOT, "round %d: %d groups found per tick; %.2f ms CPU (%.2f ms wall) per tick; at one tick per 2 s: %.3f%% of a core%n",
                        round, found / ((round + 1L) * ticks), cpuMs, wallMs, cpuMs / 2000 * 100);
            }
            System.out.println("processes on the host: " + ProcessHandle.allProcesses().count());
        } finally {
            procs.forEach(Process::destroyForcibly);
        }
    }
}
