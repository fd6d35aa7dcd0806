package io.mycelium.agent.daemon;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.IntNode;
import io.mycelium.fabric.ClusterView;
import io.mycelium.fabric.SubmitResult;
import io.mycelium.fabric.model.Plan;
import io.mycelium.fabric.state.OperatorRecords;
import io.mycelium.fabric.wire.Keyring;
import io.mycelium.spore.key.SigningKey;
import io.mycelium.spore.manifest.HealthCheck;
import io.mycelium.spore.manifest.HealthKind;
import io.mycelium.spore.manifest.Manifest;
import io.mycelium.spore.manifest.ManifestCodec;
import io.mycelium.spore.pack.PackedSpore;
import io.mycelium.testing.Ports;
import io.mycelium.testing.TempTrees;
import io.mycelium.testing.TestSpores;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.UnaryOperator;

/**
 * A mesh of agents on loopback for tests: keys, trust dirs, a cluster key, spores packed from the
 * example manifests, plans signed by the operator. Closing stops every workload (TERM, KILL) and
 * every agent, and removes the work dir.
 */
final class TestMesh implements AutoCloseable {
    static final Path EXAMPLES = Path.of("..", "examples").toAbsolutePath().normalize();
    final Path root;
    final SigningKey publisher = SigningKey.generate();
    final SigningKey operator = SigningKey.generate();
    final Path clusterKey;
    final Path operatorTrust;
    final Path publisherTrust;
    final List<Agent> agents = new CopyOnWriteArrayList<>();
    private final int portBase = 20_000 + ThreadLocalRandom.current().nextInt(0, 40) * 1000;
    /** Each test mesh owns its cgroup root, removed in {@link #close()}. */
    final String cgroupRoot = "mycelium-test-" + Long.toHexString(ThreadLocalRandom.current().nextLong() & 0xffffffffL);
    private int seedPort;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    TestMesh() throws IOException {
        root = Files.createTempDirectory("agent-mesh-");
        Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwxr-xr-x"));
        clusterKey = root.resolve("cluster.key");
        Files.writeString(clusterKey, Keyring.newKeyringText("test"));
        operatorTrust = Files.createDirectories(root.resolve("trust/operators"));
        publisherTrust = Files.createDirectories(root.resolve("trust/publishers"));
        Files.writeString(operatorTrust.resolve("operator.pub"), operator.verifyingKey().toPem());
        Files.writeString(publisherTrust.resolve("publisher.pub"), publisher.verifyingKey().toPem());
    }

    /** The config of the i-th agent (joining the first one), before any tweak. */
    AgentConfig config(String id, int index) throws IOException {
        int fabricPort = Ports.free();
        if (seedPort == 0) {
            seedPort = fabricPort;
        }
        int first = portBase + index * 100;
        return AgentConfig.builder(id, fabricPort, root.resolve(id), clusterKey, operatorTrust, publisherTrust)
                .join(fabricPort == seedPort ? List.of() : List.of("127.0.0.1:" + seedPort))
                .cpuMilli(2_000).memoryMb(2_048).portFirst(first).portLast(first + 99).drainMs(1_500).stopGraceMs(2_000)
                .cgroupRoot(cgroupRoot).hyphae("127.0.0.1:" + Ports.free()).build(); // its own router port: agents of one test share a host
    }

    Agent start(AgentConfig c) throws IOException {
        Agent a = Agent.start(c);
        agents.add(a);
        return a;
    }

    List<Agent> startAgents(int n) throws IOException {
        List<Agent> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(start(config("agent-" + (char) ('a' + i), i)));
        }
        return out;
    }

    /**
     * Starts {@code n} agents and waits until each sees all of them live with their hyphae
     * routers published, then runs one instance of the greeter spore under each app of
     * {@code apps} and waits until every agent sees each Ready.
     */
    List<Agent> startWithRouters(int n, String... apps) throws IOException {
        List<Agent> started = startAgents(n);
        PackedSpore greeter = greeter(m -> m);
        started.getFirst().library().repo().put(greeter.path());
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> started.stream().allMatch(a ->
                a.ready() && a.fabric().view().liveMembers().size() == n
                        && started.stream().allMatch(peer -> a.fabric().view().record(io.mycelium.fabric.state.RecordKey.node(
                        io.mycelium.fabric.model.RecordKind.HYPHAE, peer.config().nodeId(), "")).isPresent())));
        for (String app : apps) {
            SubmitResult r = apply(started.getFirst(), Plan.of(app, greeter.digest(), 1).withNutrients(100, 32));
            if (!r.accepted()) {
                throw new IllegalStateException("plan " + app + " refused: " + r.reason());
            }
        }
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> started.stream().allMatch(a ->
                java.util.Arrays.stream(apps).allMatch(app -> a.fabric().view().readyEndpoints(app).size() == 1)));
        return started;
    }

    /** The example greeter (a Python script) as a spore, its manifest changed by {@code edit}. */
    PackedSpore greeter(UnaryOperator<Manifest> edit) throws IOException {
        Manifest m = edit.apply(ManifestCodec.read(EXAMPLES.resolve("dna/greeter.json")));
        return TestSpores.pack(root, m, List.of(EXAMPLES.resolve("script/greeter.py")), publisher);
    }

    /** A shell-script spore for bad-input tests. */
    PackedSpore script(String name, String body, HealthCheck health, SigningKey signer) throws IOException {
        return TestSpores.shell(root, name, "1.0.0", body, m -> m.withHealth(health), signer);
    }

    /** An http check with a short start period (the agent's floor is meant for slow JVM workloads). */
    static HealthCheck httpCheck(String path, long startPeriodMs) {
        return new HealthCheck(HealthKind.HTTP, path, null, 0, 200, 500, 2, Map.<String, JsonNode>of("start_period_ms",
                IntNode.valueOf((int) startPeriodMs)));
    }

    static HealthCheck noCheck(long upForMs) {
        return new HealthCheck(HealthKind.NONE, null, null, 0, 200, 500, 2, Map.<String, JsonNode>of("start_period_ms",
                IntNode.valueOf((int) upForMs)));
    }

    /** Submits a plan at {@code via}, one revision above what it sees. */
    SubmitResult apply(Agent via, Plan plan) {
        ClusterView v = via.fabric().view();
        return via.fabric().submit(OperatorRecords.sign(operator, plan, plan.app(), v.planRevision(plan.app()) + 1, via.fabric().hlcNow()));
    }

    /** GET url: the status, or -1 when the connection failed. */
    int get(String url) {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(2)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            return r.statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    String getBody(String url) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(2)).GET().build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    /** Successful spore fetches from peers, as the agent's /metrics registry counts them. */
    static long okFetches(Agent a) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("mesh_spore_fetches_total\\{outcome=\"ok\"} ([0-9.]+)")
                .matcher(a.metrics().registry().scrape());
        return m.find() ? (long) Double.parseDouble(m.group(1)) : 0;
    }

    /** The record of the (first) instance of {@code app} as {@code a} sees it, on any live node. */
    static java.util.Optional<io.mycelium.fabric.model.InstanceRecord> instanceOf(Agent a, String app) {
        return a.fabric().view().instances(app).values().stream().flatMap(List::stream)
                .filter(i -> i.state() != io.mycelium.fabric.model.InstanceState.STOPPED).findFirst();
    }

    @Override
    public void close() throws Exception {
        for (Agent a : agents) {
            try {
                a.stopWorkloads(Duration.ofSeconds(20));
            } catch (Exception e) {
                System.err.println("stopping workloads of " + a.config().nodeId() + ": " + e);
            }
        }
        for (Agent a : agents) {
            a.close();
        }
        List<Path> busy = io.mycelium.agent.cgroup.Cgroups.removeEmpty(cgroupRoot);
        if (!busy.isEmpty()) {
            System.err.println("cgroups still holding processes after the test: " + busy);
        }
        TempTrees.delete(root);
    }
}
