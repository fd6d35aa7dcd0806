package io.mycelium.agent.instance;

import io.mycelium.fabric.model.InstanceState;
import io.mycelium.agent.driver.LaunchSpec;
import io.mycelium.agent.driver.Workloads;
import io.mycelium.agent.health.HealthCheck;
import io.mycelium.agent.health.HealthPolicy;
import io.mycelium.testing.Ports;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Supervision overhead: time from {@code Supervisor.start} to Ready for the trivial python http
 * workload, against the same workload's own start-to-listening time when started alone. Run with
 * {@code ./mvnw -pl agent -am test -Dsurefire.failIfNoSpecifiedTests=false -Dtest=SupervisionOverheadBenchmark -Dsurefire.excludedGroups=none}.
 * Results are printed and written to {@code agent/target/bench-supervision.txt}.
 */
@Tag("benchmark")
class SupervisionOverheadBenchmark {
    private static final int RUNS = 20;

    @TempDir
    Path temp;
    SupervisorFixture fx;

    @BeforeEach
    void setUp() {
        fx = new SupervisorFixture(temp);
    }

    @AfterEach
    void tearDown() throws Exception {
        fx.close();
    }

    @Test
    void launchToReadyAgainstTheWorkloadsOwnStartToListening() throws Exception {
        assumeTrue(Workloads.hasPython(), "python3 is not at /usr/bin/python3");
        List<String> report = new ArrayList<>();
        for (int warm = 0; warm < 3; warm++) {
            alone(warm);
        }
        // Interleaved, so that load from other processes on the machine hits all three series alike.
        List<Duration> intervals = List.of(Duration.ofMillis(50), Duration.ofMillis(10));
        List<Double> alone = new ArrayList<>();
        List<List<Double>> toReady = List.of(new ArrayList<>(), new ArrayList<>());
        List<List<Double>> toListening = List.of(new ArrayList<>(), new ArrayList<>());
        Supervisor s = fx.supervisor();
        for (int i = 0; i < RUNS; i++) {
            alone.add(alone(100 + i));
            for (int k = 0; k < intervals.size(); k++) {
                double[] r = supervised(s, "bench-" + intervals.get(k).toMillis() + "-" + i, intervals.get(k));
                toReady.get(k).add(r[0]);
                toListening.get(k).add(r[1]);
            }
        }
        report.add(line("workload alone, start -> listening", alone));
        for (int k = 0; k < intervals.size(); k++) {
            report.add(line("supervised (startup probe every " + intervals.get(k).toMillis() + " ms), start -> Ready", toReady.get(k)));
            report.add(line("  same runs, start -> workload listening", toListening.get(k)));
            List<Double> noticed = new ArrayList<>();
            for (int i = 0; i < RUNS; i++) {
                noticed.add(toReady.get(k).get(i) - toListening.get(k).get(i));
            }
            report.add(line("  same runs, workload listening -> Ready (probe latency)", noticed));
            report.add(String.format("  overhead at the median (Ready - alone listening): %.1f ms", median(toReady.get(k)) - median(alone)));
        }
        report.forEach(System.out::println);
        Files.write(Path.of("target/bench-supervision.txt"), report);
        assertThat(alone).hasSize(RUNS);
    }

    /** Starts the workload directly (no setsid, no user switch, no supervisor); ms from start to its "listening" line. */
    private double alone(int n) throws IOException, InterruptedException {
        int port = Ports.free();
        Path data = Files.createDirectories(temp.resolve("alone-" + n));
        ProcessBuilder pb = new ProcessBuilder(fx.workloads.script("http-server.py").toString()).redirectErrorStream(true);
        pb.environment().clear();
        pb.environment().putAll(Map.of("PATH", "/usr/bin:/bin", "PORT", Integer.toString(port), "MYCELIUM_BIND_ADDRESS", "127.0.0.1",
                "MYCELIUM_DATA_DIR", data.toString()));
        Instant t0 = Instant.now();
        Process p = pb.start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream()))) {
            String line = out.readLine();
            assertThat(line).startsWith("listening ");
            return (Long.parseLong(line.substring(10)) - nanos(t0)) / 1e6;
        } finally {
            p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    /** ms from start to Ready, and from start to the workload's own "listening" line. */
    private double[] supervised(Supervisor s, String id, Duration startupInterval) throws Exception {
        LaunchSpec launch = fx.workloads.spec(id, "http-server.py", Ports.free());
        HealthPolicy health = new HealthPolicy(HealthCheck.http("/health", 200), Duration.ofSeconds(10), Duration.ofSeconds(5),
                startupInterval, Duration.ofSeconds(1), 1, 3);
        Instant t0 = Instant.now();
        s.start(new InstanceSpec(launch, health, RestartPolicy.defaults(), Duration.ofSeconds(2)));
        await().atMost(Duration.ofSeconds(20)).until(() -> fx.events.stream()
                .anyMatch(e -> e.status().instanceId().equals(id) && e.to() == InstanceState.READY));
        Instant ready = fx.events.stream().filter(e -> e.status().instanceId().equals(id) && e.to() == InstanceState.READY)
                .findFirst().orElseThrow().status().since();
        String line = Files.readAllLines(launch.stdoutLog()).get(0);
        s.stop(id).get(10, TimeUnit.SECONDS);
        return new double[] {(nanos(ready) - nanos(t0)) / 1e6, (Long.parseLong(line.substring(10)) - nanos(t0)) / 1e6};
    }

    private static long nanos(Instant t) {
        return t.getEpochSecond() * 1_000_000_000L + t.getNano();
    }

    private static String line(String what, List<Double> ms) {
        return String.format("%s: median %.1f ms, p99 %.1f ms, min %.1f ms, max %.1f ms (n=%d)", what, median(ms),
                percentile(ms, 0.99), ms.stream().mapToDouble(d -> d).min().orElseThrow(), ms.stream().mapToDouble(d -> d).max().orElseThrow(), ms.size());
    }

    private static double median(List<Double> ms) {
        return percentile(ms, 0.5);
    }

    /** Nearest-rank percentile. */
    private static double percentile(List<Double> ms, double p) {
        List<Double> sorted = ms.stream().sorted().toList();
        int rank = (int) Math.ceil(p * sorted.size());
        return sorted.get(Math.max(0, rank - 1));
    }
}
