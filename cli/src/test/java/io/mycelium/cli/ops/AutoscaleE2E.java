package io.mycelium.cli.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.mycelium.cli.CliContext;
import io.mycelium.cli.CliRun;
import io.mycelium.cli.up.MeshUpProcess;
import io.mycelium.spore.time.Clock;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * SLO-aware autoscaling with real agent and edge processes on loopback ({@code mesh up}: 3 agents,
 * 1 edge): an app whose requests take {@code DELAY_MS} each, one at a time per instance (so its
 * latency grows with the load), with a p99 SLO of 300 ms and a budget of 1..3 instances. Under the
 * test's own load of 16 concurrent clients through the edge its p99 goes over the SLO and the agents
 * scale it out; when the load drops to one client the p99 falls well under and, after the budget's
 * short scale-in window, it scales back in to 1. The reason is in {@code mesh budget show}.
 */
class AutoscaleE2E {
    private static final Duration PHASE = Duration.ofSeconds(120);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static MeshUpProcess mesh;

    @BeforeAll
    static void up() throws Exception {
        mesh = MeshUpProcess.start();
    }

    @AfterAll
    static void down() throws Exception {
        if (mesh != null) {
            mesh.close();
        }
    }

    @Test
    @Timeout(value = 6, unit = TimeUnit.MINUTES)
    void anAppOverItsSloScalesOutUnderLoadAndBackInAfterwards() throws Exception {
        Path spore = packSlowApp();
        ok("publish", spore.toString(), "--key", key("operator"));
        ok("budget", "set", "slow", "--credits", "1000000", "--min", "1", "--max", "3", "--scale-in-window", "10s",
                "--cooldown", "3s", "--key", key("operator"));
        ok("plan", "apply", "--app", "slow", "--spore", spore.toString(), "--instances", "1", "--key", key("operator"));
        await("slow ready").atMost(PHASE).pollInterval(Duration.ofMillis(500)).until(() -> ready() == 1);

        Load heavy = Load.start(edge("/slow/hello"), 16);
        long t0 = System.nanoTime();
        await("scale out").atMost(PHASE).pollInterval(Duration.ofMillis(250))
                .untilAsserted(() -> assertThat(desired()).as(budget().toString()).isGreaterThanOrEqualTo(2));
        long decided = System.nanoTime();
        await("a second instance").atMost(PHASE).pollInterval(Duration.ofMillis(100)).until(() -> instances() >= 2);
        long created = System.nanoTime();
        await("a second instance ready").atMost(PHASE).pollInterval(Duration.ofMillis(100)).until(() -> ready() >= 2);
        long readyOut = System.nanoTime();
        await("a second instance answering through the edge").atMost(PHASE).pollInterval(Duration.ofMillis(50))
                .until(() -> heavy.firstAnswer.size() >= 2);
        long routed = heavy.firstAnswer.values().stream().mapToLong(Long::longValue).sorted().skip(1).findFirst().orElseThrow();
        JsonNode out = budget();
        assertThat(out.path("autoscale").asText()).as(out.toString()).containsPattern("scaled out|at the budget's max|wants 3 but cooling down").contains("vs target 300 ms");
        assertThat(ok("budget", "show", "slow").out()).contains("slow autoscaler: desired");
        heavy.stop();
        heavy.report("heavy");

        Load light = Load.start(edge("/slow/hello"), 1);
        long t1 = System.nanoTime();
        await("scale in").atMost(PHASE).pollInterval(Duration.ofMillis(250))
                .untilAsserted(() -> assertThat(desired()).as(budget().toString()).isEqualTo(1));
        long decidedIn = System.nanoTime();
        await("back to one instance").atMost(PHASE).pollInterval(Duration.ofMillis(250)).until(() -> ready() == 1 && instances() == 1);
        long doneIn = System.nanoTime();
        light.stop();
        light.report("light");
        System.out.printf("autoscale e2e: load to scale-out decision %d ms, to a 2nd instance Ready %d ms; light load to scale-in"
                        + " decision %d ms (window 10 s), to 1 instance %d ms%n", ms(decided - t0), ms(readyOut - t0),
                ms(decidedIn - t1), ms(doneIn - t1));
        System.out.printf("autoscale e2e: load to a 2nd instance seen %d ms, seen to Ready %d ms (the workload's own start, polled every"
                        + " 100 ms), load to its first answer through the edge %d ms; %d ok / %d failed heavy, %d / %d light%n",
                ms(created - t0), ms(readyOut - created), ms(routed - t0), heavy.ok.get(), heavy.failed.get(), light.ok.get(), light.failed.get());
        assertThat(budget().path("autoscale").asText()).as("the reason after scaling in").startsWith("desired 1: ")
                .contains("vs target 300 ms");
        assertThat(heavy.failed.get() + light.failed.get()).as("failed requests while scaling").isLessThanOrEqualTo(
                (heavy.ok.get() + light.ok.get()) / 100);
    }

    /** The billing example as app "slow": 25 ms per request, one at a time, SLO p99 300 ms. */
    private static Path packSlowApp() throws IOException {
        Path dir = Files.createDirectories(mesh.work().resolve("slow"));
        Path manifest = dir.resolve("slow.json");
        Files.writeString(manifest, """
                {
                  "schema_version": 1,
                  "identity": { "name": "slow", "version": "1.0.0" },
                  "runtime": { "kind": "JVM_JAR", "command": "billing.jar", "args": [],
                    "env": { "APP_VERSION": "1.0.0", "DELAY_MS": "25", "JAVA_TOOL_OPTIONS": "-XX:+UseSerialGC -Xmx48m -XX:TieredStopAtLevel=1" } },
                  "provides": [ { "name": "http", "protocol": "http", "port_env": "PORT" } ],
                  "nutrients": { "cpu_milli": 250, "memory_mb": 96 },
                  "slo": { "p99_budget_ms": 300 },
                  "security": { "no_new_privileges": true, "read_only_payload": true, "network": "host" },
                  "health": { "kind": "HTTP", "path": "/health", "initial_delay_ms": 200, "interval_ms": 1000, "timeout_ms": 1000, "failure_threshold": 3 }
                }
                """);
        ok("spore", "pack", "--manifest", manifest.toString(), "--key", key("publisher"), "--out", dir.toString(),
                MeshUpProcess.repoRoot().resolve("examples/target/billing.jar").toString());
        return dir.resolve("slow-1.0.0.spore");
    }

    private static JsonNode budget() {
        return ok("budget", "show", "slow", "-o", "json").json().get("budgets").get(0);
    }

    private static int desired() {
        JsonNode d = budget().path("desired");
        return d.isNumber() ? d.asInt() : 1;
    }

    private static int ready() {
        return ok("apps", "slow", "-o", "json").json().path("ready").asInt();
    }

    private static int instances() {
        int n = 0;
        for (JsonNode i : ok("instances", "--app", "slow", "-o", "json").json().get("instances")) {
            if (!i.path("state").asText().equals("stopped")) {
                n++;
            }
        }
        return n;
    }

    private static long ms(long nanos) {
        return TimeUnit.NANOSECONDS.toMillis(nanos);
    }

    private static CliRun ok(String... args) {
        CliContext ctx = new CliContext(Map.of("MESH_API", "http://127.0.0.1:" + mesh.apiBase()), mesh.work(), Clock.SYSTEM);
        CliRun r = CliRun.run(ctx, args);
        assertThat(r.code()).as(String.join(" ", args) + ": " + r).isZero();
        return r;
    }

    private static String key(String which) {
        return mesh.work().resolve("mesh/keys/" + which + ".key").toString();
    }

    private static String edge(String path) {
        return "http://127.0.0.1:" + mesh.edgePort() + path;
    }

    /** The test's load: {@code clients} threads of back-to-back GETs to loopback, at most 40,000 requests or 3 minutes in all. */
    static final class Load {
        private static final int MAX_REQUESTS = 40_000;
        private static final java.util.regex.Pattern INSTANCE = java.util.regex.Pattern.compile("\"instance\"\\s*:\\s*\"([^\"]+)\"");
        private static final long MAX_MILLIS = 180_000;
        final AtomicInteger ok = new AtomicInteger();
        final AtomicInteger failed = new AtomicInteger();
        /** When (System.nanoTime) each instance first answered, by the instance named in /hello. */
        final java.util.Map<String, Long> firstAnswer = new java.util.concurrent.ConcurrentHashMap<>();
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final List<Thread> threads = new ArrayList<>();

        static Load start(String url, int clients) {
            if (!url.startsWith("http://127.0.0.1:")) {
                throw new IllegalArgumentException("load only to loopback, not " + url);
            }
            Load l = new Load();
            long end = System.currentTimeMillis() + MAX_MILLIS;
            AtomicInteger sent = new AtomicInteger();
            for (int c = 0; c < clients; c++) {
                l.threads.add(Thread.ofPlatform().name("autoscale-e2e-load-" + c).start(() -> {
                    while (l.running.get() && sent.incrementAndGet() <= MAX_REQUESTS && System.currentTimeMillis() < end) {
                        try {
                            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).GET().build(),
                                    HttpResponse.BodyHandlers.ofString());
                            (r.statusCode() == 200 ? l.ok : l.failed).incrementAndGet();
                            java.util.regex.Matcher m = INSTANCE.matcher(r.body());
                            if (r.statusCode() == 200 && m.find()) {
                                l.firstAnswer.putIfAbsent(m.group(1), System.nanoTime());
                            }
                        } catch (IOException e) {
                            l.failed.incrementAndGet();
                        } catch (InterruptedException e) {
                            return;
                        }
                    }
                }));
            }
            return l;
        }

        void report(String scenario) {
            System.out.printf("autoscale e2e %s load: %d ok, %d failed%n", scenario, ok.get(), failed.get());
            assertThat(ok.get()).as(scenario + ": requests answered").isGreaterThanOrEqualTo(20);
        }

        void stop() throws InterruptedException {
            running.set(false);
            for (Thread t : threads) {
                t.join(15_000);
            }
        }
    }
}
