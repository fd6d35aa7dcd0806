package io.mycelium.cli.up;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mycelium.fabric.model.Json;
import io.mycelium.fabric.model.Plan;
import io.mycelium.fabric.state.FabricRecord;
import io.mycelium.fabric.state.Hlc;
import io.mycelium.fabric.state.OperatorRecords;
import io.mycelium.spore.digest.Digest;
import io.mycelium.spore.key.SigningKey;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The seed's acceptance flow on real processes: {@code mesh up} (3 agents, 1 edge, as child
 * processes on loopback) packs, publishes and plans the examples; 10 requests through the edge are
 * answered by both billing instances; billing v2 is applied while requests keep flowing, none fails,
 * and the old instances stop; a killed workload is restarted by its agent while the edge routes
 * around it; a {@code kill -9}'d agent's instances come back on the others. Then TERM to
 * {@code mesh up} leaves no process behind. Run by the {@code e2e} profile
 * ({@code ./mvnw -pl cli -am verify -Pe2e}); it takes a few minutes on a loaded 2-core machine.
 */
@Tag("e2e")
class MeshUpE2E {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration PHASE = Duration.ofSeconds(240);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private MeshUpProcess mesh;
    private Path work;
    private int edgePort;
    private int apiBase;
    private List<Long> workloadPids;
    private List<Long> childPids;

    @BeforeEach
    void startMeshUp() throws Exception {
        mesh = MeshUpProcess.start();
        work = mesh.work();
        edgePort = mesh.edgePort();
        apiBase = mesh.apiBase();
        workloadPids = mesh.workloadPids();
        childPids = mesh.childPids();
    }

    @AfterEach
    void stopEverything() throws Exception {
        if (mesh != null) {
            mesh.close();
        }
    }

    @Test
    @Timeout(value = 15, unit = TimeUnit.MINUTES)
    void theSeedsAcceptanceFlow() throws Exception {
        rememberWorkloads();

        // route: requests through the edge (every one answered by 1.0.0) until both billing
        // instances have answered; the edge may take a moment to route to the second one
        Set<String> answered = new HashSet<>();
        await("both billing instances answer through the edge").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> {
                    JsonNode hello = getJson(edge("/billing/hello"));
                    assertThat(hello.path("version").asText()).isEqualTo("1.0.0");
                    answered.add(hello.path("instance").asText());
                    return answered.size() == 2;
                });

        // update to v2 while requests flow: none fails, the old instances stop
        List<Long> v1Pids = pidsOf("billing");
        assertThat(v1Pids).hasSize(2);
        Traffic traffic = Traffic.start(http, edge("/billing/hello"));
        applyBillingV2();
        await("billing all on v2").atMost(PHASE).pollInterval(Duration.ofMillis(500)).until(() -> {
            JsonNode app = billingApp();
            return app != null && app.path("ready").asInt() == 2 && app.path("on_other_digest").asInt(app.path("onOtherDigest").asInt()) == 0
                    && traffic.lastVersion.get().equals("2.0.0");
        });
        for (long pid : v1Pids) {
            await("old billing " + pid + " stopped").atMost(PHASE)
                    .until(() -> ProcessHandle.of(pid).map(h -> !h.isAlive()).orElse(true));
        }
        traffic.stop();
        assertThat(traffic.ok.get()).as("requests during the update").isGreaterThan(20);
        assertThat(traffic.failed.get()).as("failed requests during the update: " + traffic.failures).isZero();
        rememberWorkloads();

        // kill a workload: the agent restarts it; the edge routes around it meanwhile
        Map<String, JsonNode> before = billingInstances();
        String victimId = before.keySet().iterator().next();
        long victimPid = before.get(victimId).path("pid").asLong();
        int restartsBefore = before.get(victimId).path("restarts").asInt();
        Traffic during = Traffic.start(http, edge("/billing/hello"));
        ProcessHandle.of(victimPid).orElseThrow().destroyForcibly();
        await("billing " + victimId + " restarted and Ready").atMost(PHASE).pollInterval(Duration.ofMillis(500)).until(() -> {
            JsonNode now = billingInstances().get(victimId);
            return now != null && "ready".equals(now.path("state").asText()) && now.path("restarts").asInt() > restartsBefore
                    && now.path("pid").asLong() != victimPid;
        });
        await("some requests after the restart").atMost(Duration.ofSeconds(30)).until(() -> during.ok.get() > 20);
        during.stop();
        assertThat(during.failed.get()).as("failed requests while a billing process was dead: " + during.failures).isZero();
        rememberWorkloads();

        // kill -9 an agent other than agent-1 (whose API we use) that runs billing: its instances come back elsewhere
        String victimNode = billingInstances().values().stream().map(r -> r.path("node").asText())
                .filter(n -> !n.equals("agent-1")).findFirst().orElse(null);
        if (victimNode == null) {
            victimNode = "agent-2"; // both on agent-1: kill another agent, billing must stay up anyway
        }
        int victimIndex = Integer.parseInt(victimNode.substring("agent-".length())) - 1;
        long agentPid = childPids.get(victimIndex);
        ProcessHandle.of(agentPid).orElseThrow().destroyForcibly();
        String dead = victimNode;
        await("billing x 2 Ready without " + dead).atMost(PHASE).pollInterval(Duration.ofSeconds(1)).until(() -> {
            Map<String, JsonNode> now = billingInstances();
            long ready = now.values().stream().filter(r -> "ready".equals(r.path("state").asText()))
                    .filter(r -> !r.path("node").asText().equals(dead)).count();
            return ready == 2;
        });
        await("the edge serves billing without " + dead).atMost(Duration.ofSeconds(60)).until(() -> {
            for (int i = 0; i < 10; i++) {
                if (status(edge("/billing/hello")) != 200) {
                    return false;
                }
            }
            return true;
        });
        rememberWorkloads();
    }

    private String edge(String path) {
        return "http://127.0.0.1:" + edgePort + path;
    }

    private String api(int i) {
        return "http://127.0.0.1:" + (apiBase + i);
    }

    private void applyBillingV2() throws Exception {
        SigningKey operator = SigningKey.read(work.resolve("mesh/keys/operator.key"));
        Digest v2 = Digest.ofFile(work.resolve("mesh/spores/billing-2.0.0.spore"));
        JsonNode held = getJson(api(0) + "/v1/plans/billing");
        long revision = held.path("revision").asLong();
        Plan plan = Plan.of("billing", v2, 2).withNutrients(250, 96);
        FabricRecord r = OperatorRecords.sign(operator, plan, "billing", revision + 1, new Hlc(System::currentTimeMillis).now());
        HttpResponse<String> res = http.send(HttpRequest.newBuilder(URI.create(api(0) + "/v1/plans"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(Json.write(r))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(res.statusCode()).as(res.body()).isEqualTo(202);
    }

    private JsonNode billingApp() throws Exception {
        for (JsonNode a : getJson(api(0) + "/v1/apps").path("apps")) {
            if (a.path("app").asText().equals("billing")) {
                return a;
            }
        }
        return null;
    }

    /** Billing's live instances by id, with pids asked of each live agent (an agent reports its own). */
    private Map<String, JsonNode> billingInstances() {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        for (int i = 0; i < 3; i++) {
            String node = "agent-" + (i + 1);
            try {
                for (JsonNode r : getJson(api(i) + "/v1/instances").path("instances")) {
                    if (r.path("app").asText().equals("billing") && r.path("node").asText().equals(node)
                            && !"stopped".equals(r.path("state").asText())) {
                        out.put(r.path("id").asText(), r);
                    }
                }
            } catch (Exception e) {
                // a dead agent answers nothing
            }
        }
        return out;
    }

    private List<Long> pidsOf(String app) {
        return billingInstances().values().stream().filter(r -> r.hasNonNull("pid")).map(r -> r.get("pid").asLong()).toList();
    }

    /** Every workload PID any agent reports, so the test can check they are gone at the end. */
    private void rememberWorkloads() {
        for (int i = 0; i < 3; i++) {
            try {
                for (JsonNode r : getJson(api(i) + "/v1/instances").path("instances")) {
                    if (r.hasNonNull("pid") && !workloadPids.contains(r.get("pid").asLong())) {
                        workloadPids.add(r.get("pid").asLong());
                    }
                }
            } catch (Exception e) {
                // a dead agent answers nothing
            }
        }
    }

    private JsonNode getJson(String url) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IOException(url + ": HTTP " + r.statusCode() + " " + r.body());
        }
        return JSON.readTree(r.body());
    }

    private int status(String url) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).GET().build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** One client sending GETs back to back, counting answers and failures. */
    static final class Traffic {
        final AtomicInteger ok = new AtomicInteger();
        final AtomicInteger failed = new AtomicInteger();
        final AtomicReference<String> lastVersion = new AtomicReference<>("");
        final List<String> failures = java.util.Collections.synchronizedList(new ArrayList<>());
        private final AtomicBoolean running = new AtomicBoolean(true);
        private Thread thread;

        static Traffic start(HttpClient http, String url) {
            Traffic t = new Traffic();
            t.thread = Thread.ofPlatform().name("e2e-traffic").start(() -> {
                while (t.running.get()) {
                    try {
                        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).GET().build(),
                                HttpResponse.BodyHandlers.ofString());
                        if (r.statusCode() == 200) {
                            t.ok.incrementAndGet();
                            t.lastVersion.set(JSON.readTree(r.body()).path("version").asText());
                        } else {
                            t.failed.incrementAndGet();
                            t.failures.add(r.statusCode() + " " + r.body());
                        }
                    } catch (IOException e) {
                        t.failed.incrementAndGet();
                        t.failures.add(e.toString());
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
            return t;
        }

        void stop() throws InterruptedException {
            running.set(false);
            thread.join(15_000);
        }
    }
}
