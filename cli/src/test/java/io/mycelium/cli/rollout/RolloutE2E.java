package io.mycelium.cli.rollout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mycelium.cli.CliContext;
import io.mycelium.cli.CliRun;
import io.mycelium.cli.up.MeshUpProcess;
import io.mycelium.spore.time.Clock;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
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
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;

/**
 * Rollouts with real agent and edge processes on loopback ({@code mesh up}: 3 agents, 1 edge),
 * started once for the class, scenarios in sequence under the test's own bounded load through
 * the edge: blue/green with preview checks, promote, undo; canary, undo, rolling; a v2 with 30%
 * 500s and a v2 that is never healthy, each aborting by itself while stable keeps serving; a
 * second edge, restarted mid-rollout, ending on the same revision as the first; {@code kill -9} of
 * an agent running green mid-rollout.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RolloutE2E {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration PHASE = Duration.ofSeconds(90);
    private static MeshUpProcess mesh;
    /** The agent API port the CLI asks (agent-1's, unless the test killed it). */
    private static int api;
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void up() throws Exception {
        mesh = MeshUpProcess.start();
        api = mesh.apiBase();
    }

    @AfterAll
    static void down() throws Exception {
        if (mesh != null) {
            mesh.close();
        }
    }

    @Test
    @Order(1)
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
        routersReportThePreview(status().path("desired").asText());
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

    /**
     * On the same cluster (after the strategies, or alone: it starts from whichever of 1.0.0 and
     * 2.0.0 billing serves): an edge restarted mid-rollout, two edges, kill -9 of an agent.
     */
    @Test
    @Order(2)
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void edgeRestartTwoEdgesAndTheKillOfAnAgentRunningGreenEndConsistent() throws Exception {
        String serving = get(edge("/billing/hello")).path("version").asText();
        assertAllFrom(serving);
        String other = serving.equals("2.0.0") ? "1.0.0" : "2.0.0";
        edgeRestartAndTwoEdges(serving, other);
        killOfTheAgentRunningGreen(other, serving);
    }

    /**
     * A second edge joins; blue/green {@code from -> to} under load through the first; the second
     * edge is killed in the preview and started again: it comes back routing what the decision
     * says (normal to blue, previews to green); after promotion both edges route green only.
     */
    private static void edgeRestartAndTwoEdges(String from, String to) throws Exception {
        int port = mesh.apiBase() + 11;
        Process edge2 = mesh.startEdge("edge-2", port, mesh.apiBase() + 9);
        String second = "http://127.0.0.1:" + port + "/billing/hello";
        await("edge-2 routes billing").atMost(PHASE).pollInterval(Duration.ofMillis(300)).until(() -> answers200(second));
        assertAllFrom(second, from);

        Load load = Load.start(edge("/billing/hello"), Map.of());
        ok("rollout", "start", "billing", "--spore", spore("billing-" + to), "--strategy", "blue-green", "--scale-down-delay", "2s", "--key", key());
        awaitPhase("waiting-for-promote");
        mesh.kill9(edge2.pid());
        long restarted = System.nanoTime();
        Process again = mesh.relaunch("edge-2");
        await("edge-2 listening again").atMost(PHASE).pollInterval(Duration.ofMillis(50)).until(() -> status(second) > 0);
        System.out.printf("rollout e2e edge-2 restarted as PID %d: listening %d ms after its start%n", again.pid(),
                (System.nanoTime() - restarted) / 1_000_000);
        await("edge-2 back and routing billing").atMost(PHASE).pollInterval(Duration.ofMillis(50)).until(() -> answers200(second));
        System.out.printf("rollout e2e edge-2 restarted as PID %d: routes billing %d ms after its start%n", again.pid(),
                (System.nanoTime() - restarted) / 1_000_000);
        assertAllFrom(second, from);
        // a restarted edge learns the records one by one (gossip, then anti-entropy): blue's endpoints may come before green's
        String preview = "http://127.0.0.1:" + port + "/billing@preview/hello";
        await("edge-2 routes previews too").atMost(PHASE).pollInterval(Duration.ofMillis(50)).until(() -> answers200(preview));
        System.out.printf("rollout e2e edge-2 routes previews %d ms after its start%n", (System.nanoTime() - restarted) / 1_000_000);
        assertThat(get(preview).path("version").asText()).isEqualTo(to);
        ok("rollout", "promote", "billing", "--key", key());
        awaitPhase("completed");
        load.stop();
        load.report("blue/green with an edge restart");
        assertThat(load.failed).as("failed requests: " + load.failures).hasValue(0);
        assertAllFrom(edge("/billing/hello"), to);
        assertAllFrom(second, to);
        System.out.printf("rollout e2e two edges: both route %s%n", to);
    }

    /**
     * Blue/green {@code from -> to}; once green is Ready, {@code kill -9} of an agent running a
     * green instance; the promote then waits for green at full count again (re-placed on the live
     * agents) and completes: one revision routed by both edges, none failed through the first.
     */
    private static void killOfTheAgentRunningGreen(String from, String to) throws Exception {
        Load load = Load.start(edge("/billing/hello"), Map.of());
        ok("rollout", "start", "billing", "--spore", spore("billing-" + to), "--strategy", "blue-green", "--scale-down-delay", "2s", "--key", key());
        awaitPhase("waiting-for-promote");
        String green = status().path("desired").asText();
        JsonNode instances = get("http://127.0.0.1:" + api + "/v1/instances?app=billing").path("instances");
        String victim = null;
        for (JsonNode i : instances) {
            if (i.path("digest").asText().equals(green) && (victim == null || victim.equals("agent-1"))) {
                victim = i.path("node").asText();
            }
        }
        assertThat(victim).as("an agent running green in " + instances).isNotNull();
        int victimApi = mesh.apiBase() + Integer.parseInt(victim.substring("agent-".length())) - 1;
        JsonNode own = get("http://127.0.0.1:" + victimApi + "/v1/instances?node=" + victim).path("instances");
        own.forEach(i -> {
            if (i.hasNonNull("pid")) {
                mesh.workloadPids().add(i.path("pid").asLong());
            }
        });
        if (victim.equals("agent-1")) {
            api = mesh.apiBase() + 1; // the CLI asks agent-2 from now on
        }
        long killedAt = System.nanoTime();
        mesh.kill9(mesh.pidOf(victim));
        ok("rollout", "promote", "billing", "--key", key());
        awaitPhase("completed");
        System.out.printf("rollout e2e kill -9 of %s (running green): completed %d ms after the kill%n", victim,
                (System.nanoTime() - killedAt) / 1_000_000);
        load.stop();
        load.report("blue/green with kill -9 of " + victim);
        JsonNode done = status();
        assertThat(done.path("weights").size()).as("one routed revision: " + done).isEqualTo(1);
        assertThat(done.path("weights").has(green)).as("routed: " + done.path("weights")).isTrue();
        assertThat(load.failed).as("failed requests: " + load.failures).hasValue(0);
        assertAllFrom(edge("/billing/hello"), to);
        assertAllFrom("http://127.0.0.1:" + (mesh.apiBase() + 11) + "/billing/hello", to);

        // the killed agent comes back (its recovery and, at the end, its TERM clean up what it left)
        mesh.relaunch(victim);
        await(victim + " ready again").atMost(PHASE).pollInterval(Duration.ofMillis(500))
                .until(() -> answers200("http://127.0.0.1:" + victimApi + "/health/ready"));
    }

    /** Every agent's hyphae router, like the edge, has published a routing report of billing that previews {@code green}. */
    private static void routersReportThePreview(String green) {
        java.util.concurrent.atomic.AtomicReference<Map<String, String>> seen = new java.util.concurrent.atomic.AtomicReference<>(Map.of());
        try {
            await("every router's routing report previews " + green).atMost(PHASE).pollInterval(Duration.ofMillis(300)).until(() -> {
                Map<String, String> previews = new java.util.TreeMap<>();
                for (JsonNode r : get("http://127.0.0.1:" + api + "/v1/state").path("records")) {
                    if (r.path("kind").asText().equals("routing") && r.path("name").asText().equals("billing")) {
                        previews.put(r.path("owner").asText(), r.path("payload").path("preview").asText());
                    }
                }
                seen.set(previews);
                return previews.keySet().containsAll(List.of("agent-1", "agent-2", "agent-3", "edge"))
                        && previews.values().stream().allMatch(green::equals);
            });
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError("routing reports of billing (owner: preview) " + seen.get() + ": " + e.getMessage(), e);
        }
        System.out.printf("rollout e2e routing reports (owner: preview): %s%n", seen.get());
    }

    private static boolean answers200(String url) {
        return status(url) == 200;
    }

    /** The HTTP status {@code url} answers with; 0 when it does not answer. */
    private static int status(String url) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).GET().build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
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
        assertAllFrom(edge("/billing/hello"), version);
    }

    /** Every one of 20 requests to {@code url} is answered by {@code version}. */
    private static void assertAllFrom(String url, String version) throws Exception {
        try {
            for (int i = 0; i < 20; i++) {
                assertThat(get(url).path("version").asText()).as(url).isEqualTo(version);
            }
        } catch (AssertionError e) {
            mesh.snapshotState("failed-" + System.currentTimeMillis());
            throw e;
        }
    }

    /** Runs a mesh command that must succeed. */
    private static void ok(String... args) {
        CliRun r = mesh(args);
        assertThat(r.code()).as(String.join(" ", args) + ": " + r).isZero();
    }

    private static CliRun mesh(String... args) {
        CliContext ctx = new CliContext(Map.of("MESH_API", "http://127.0.0.1:" + api), mesh.work(), Clock.SYSTEM);
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
        private static final int MIN_REQUESTS = 50;
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
            long begun = System.currentTimeMillis();
            long end = begun + MAX_MILLIS;
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
                            l.failures.add("+" + (System.currentTimeMillis() - begun) + " ms: " + r.statusCode() + " " + r.body());
                        }
                    } catch (IOException e) {
                        l.failed.incrementAndGet();
                        l.failures.add("+" + (System.currentTimeMillis() - begun) + " ms: " + e);
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
            assertThat(ok.get() + failed.get()).as(scenario + ": requests sent").isGreaterThanOrEqualTo(MIN_REQUESTS);
        }

        /** Stops once at least {@link #MIN_REQUESTS} were sent (an instant undo can end before that on a loaded machine). */
        void stop() throws InterruptedException {
            await("at least " + MIN_REQUESTS + " requests sent").atMost(PHASE).pollInterval(Duration.ofMillis(100))
                    .until(() -> ok.get() + failed.get() >= MIN_REQUESTS);
            running.set(false);
            thread.join(15_000);
        }
    }
}
