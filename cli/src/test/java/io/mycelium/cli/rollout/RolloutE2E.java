package io.mycelium.cli.rollout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mycelium.cli.CliContext;
import io.mycelium.cli.CliRun;
import io.mycelium.cli.up.MeshUpProcess;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Rollouts with real agent and edge processes on loopback ({@code mesh up}: 3 agents, 1 edge),
 * started once for the class, scenarios in sequence under the test's own bounded load through
 * the edge: blue/green with preview checks, promote, undo; canary, undo, rolling; a v2 with 30%
 * 500s and a v2 that is never healthy, each aborting by itself while stable keeps serving.
 */
class RolloutE2E {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration PHASE = Duration.ofSeconds(90);
    private static MeshUpProcess mesh;
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

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
    void everyStrategyWithZeroFailuresAndTheFailingVersionsAbortByThemselves() throws Exception {
        // blue/green: before promotion no normal request reaches green, every preview does
        Load normal = Load.start(edge("/billing/hello"), Map.of());
        ok("rollout", "start", "billing", "--spore", spore("billing-2.0.0"), "--strategy", "blue-green",
                "--scale-down-delay", "2s", "--key", key());
        awaitPhase("waiting-for-promote");
        Load preview = Load.start(edge("/billing/hello"), Map.of("X-Mycelium-Preview", "1"));
        await("preview requests").atMost(PHASE).until(() -> preview.ok.get() >= 20);
        preview.stop();
        assertThat(preview.versions).as("versions answering previews").containsOnlyKeys("2.0.0");
        assertThat(get(edge("/billing@preview/hello")).path("version").asText()).isEqualTo("2.0.0");
        assertThat(normal.versions).as("versions answering normal requests before promotion").containsOnlyKeys("1.0.0");
        ok("rollout", "promote", "billing", "--key", key());
        awaitPhase("completed");
        normal.stop();
        normal.report("blue/green");
        assertThat(normal.failed).as("failed requests during blue/green: " + normal.failures).hasValue(0);
        assertAllFrom("2.0.0");

        // undo after promotion: v1 back with zero failures
        assertThat(underLoad("undo", "completed", "rollout", "undo", "billing", "--key", key()).failed).hasValue(0);
        assertAllFrom("1.0.0");

        // canary v1 -> v2 in weighted steps, then undo, then rolling v1 -> v2: zero failures each
        assertThat(underLoad("canary", "completed", "rollout", "start", "billing", "--spore", spore("billing-2.0.0"), "--strategy", "canary",
                "--steps", "25:3s,50:3s", "--scale-down-delay", "2s", "--key", key()).failed).hasValue(0);
        assertAllFrom("2.0.0");
        assertThat(underLoad("undo after canary", "completed", "rollout", "undo", "billing", "--key", key()).failed).hasValue(0);
        assertAllFrom("1.0.0");
        assertThat(underLoad("rolling", "completed", "rollout", "start", "billing", "--spore", spore("billing-2.0.0"), "--strategy", "rolling",
                "--max-surge", "1", "--min-ready", "2s", "--key", key()).failed).hasValue(0);
        assertAllFrom("2.0.0");

        // 30% 500s: the canary step's analysis aborts it; stable answered every request it got
        Load errors = underLoad("30% errors", "aborted", "rollout", "start", "billing", "--spore", spore("billing-2.1.0"), "--strategy", "canary",
                "--steps", "20:60s", "--key", key());
        assertThat(errors.failures).as("every failed request was answered by 2.1.0").allMatch(f -> f.contains("2.1.0"));
        assertThat(status().path("reason").asText()).contains("error rate");
        assertAllFrom("2.0.0");

        // never healthy: the progress deadline aborts it, zero failures
        assertThat(underLoad("never healthy", "aborted", "rollout", "start", "billing", "--spore", spore("billing-2.2.0"), "--strategy",
                "blue-green", "--progress-deadline", "10s", "--key", key()).failed).hasValue(0);
        assertThat(status().path("reason").asText()).contains("progress_deadline");
        assertAllFrom("2.0.0");

        CliRun history = mesh("rollout", "history", "billing", "-o", "json");
        List<String> outcomes = new ArrayList<>();
        history.json().get("history").forEach(e -> outcomes.add(e.path("version").asText() + " " + e.path("outcome").asText().toLowerCase(java.util.Locale.ROOT)));
        assertThat(outcomes).startsWith("2.2.0 aborted", "2.1.0 aborted");
    }

    /** Runs one rollout command under load until the rollout reaches {@code phase}; the load's figures. */
    private static Load underLoad(String scenario, String phase, String... command) throws Exception {
        Load load = Load.start(edge("/billing/hello"), Map.of());
        ok(command);
        awaitPhase(phase);
        load.stop();
        load.report(scenario);
        return load;
    }

    private static void awaitPhase(String phase) {
        await("billing rollout " + phase).atMost(PHASE).pollInterval(Duration.ofMillis(300))
                .until(() -> status().path("phase").asText().equals(phase));
    }

    private static JsonNode status() {
        CliRun r = mesh("rollout", "status", "billing", "-o", "json");
        assertThat(r.code()).as(r.toString()).isZero();
        return r.json();
    }

    /** Every one of 20 requests through the edge is answered by {@code version}. */
    private static void assertAllFrom(String version) throws Exception {
        for (int i = 0; i < 20; i++) {
            assertThat(get(edge("/billing/hello")).path("version").asText()).isEqualTo(version);
        }
    }

    /** Runs a mesh command that must succeed. */
    private static void ok(String... args) {
        CliRun r = mesh(args);
        assertThat(r.code()).as(String.join(" ", args) + ": " + r).isZero();
    }

    private static CliRun mesh(String... args) {
        CliContext ctx = new CliContext(Map.of("MESH_API", "http://127.0.0.1:" + mesh.apiBase()), mesh.work(), Clock.systemUTC());
        return CliRun.run(ctx, args);
    }

    private static String key() {
        return mesh.work().resolve("mesh/keys/operator.key").toString();
    }

    private static String spore(String name) {
        return mesh.work().resolve("mesh/spores").resolve(name + ".spore").toString();
    }

    private static String edge(String path) {
        return "http://127.0.0.1:" + mesh.edgePort() + path;
    }

    private static JsonNode get(String url) throws IOException, InterruptedException {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(url + ": " + r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    /** The test's load generator: one thread of back-to-back GETs to loopback, at most 60,000 requests or 3 minutes. */
    static final class Load {
        private static final int MAX_REQUESTS = 60_000;
        private static final long MAX_MILLIS = 180_000;
        final AtomicInteger ok = new AtomicInteger();
        final AtomicInteger failed = new AtomicInteger();
        final Map<String, AtomicInteger> versions = new ConcurrentHashMap<>();
        final List<String> failures = Collections.synchronizedList(new ArrayList<>());
        private final AtomicBoolean running = new AtomicBoolean(true);
        private Thread thread;

        static Load start(String url, Map<String, String> headers) {
            if (!url.startsWith("http://127.0.0.1:")) {
                throw new IllegalArgumentException("load only to loopback, not " + url);
            }
            Load l = new Load();
            long end = System.currentTimeMillis() + MAX_MILLIS;
            l.thread = Thread.ofPlatform().name("rollout-e2e-load").start(() -> {
                for (int n = 0; n < MAX_REQUESTS && l.running.get() && System.currentTimeMillis() < end; n++) {
                    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).GET();
                    headers.forEach(b::header);
                    try {
                        HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
                        if (r.statusCode() == 200) {
                            l.ok.incrementAndGet();
                            l.versions.computeIfAbsent(JSON.readTree(r.body()).path("version").asText(), v -> new AtomicInteger()).incrementAndGet();
                        } else {
                            l.failed.incrementAndGet();
                            l.failures.add(r.statusCode() + " " + r.body());
                        }
                    } catch (IOException e) {
                        l.failed.incrementAndGet();
                        l.failures.add(e.toString());
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
            return l;
        }

        /** Prints the figures and checks that the scenario ran under load at all (a zero-failure count of nothing proves nothing). */
        void report(String scenario) {
            System.out.printf("rollout e2e %s: %d ok, %d failed, versions %s%n", scenario, ok.get(), failed.get(), versions);
            assertThat(ok.get() + failed.get()).as(scenario + ": requests sent").isGreaterThanOrEqualTo(50);
        }

        void stop() throws InterruptedException {
            running.set(false);
            thread.join(15_000);
        }
    }
}
