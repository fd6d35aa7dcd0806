package io.mycelium.agent.api;

import io.helidon.webserver.WebServer;
import io.mycelium.agent.instance.InstanceStatus;
import io.mycelium.agent.metrics.MetricRegistry;
import io.mycelium.fabric.ClusterMember;
import io.mycelium.fabric.ClusterView;
import io.mycelium.fabric.SubmitResult;
import io.mycelium.fabric.membership.MemberStatus;
import io.mycelium.fabric.model.InstanceRecord;
import io.mycelium.fabric.model.Json;
import io.mycelium.fabric.model.NodeInfo;
import io.mycelium.fabric.model.RecordKind;
import io.mycelium.fabric.model.Role;
import io.mycelium.fabric.placement.PlacementResult;
import io.mycelium.fabric.state.FabricRecord;
import io.mycelium.fabric.state.MergeOutcome;
import io.mycelium.fabric.state.RecordKey;
import io.mycelium.fabric.state.StateStore;
import io.mycelium.fabric.state.Version;
import io.mycelium.spore.key.SigningKey;
import io.mycelium.spore.key.TrustStore;
import io.mycelium.spore.store.SporeRepo;
import io.mycelium.spore.store.SporeStore;
import io.mycelium.spore.time.Clock;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A fake agent for API tests of the agent and of its clients (the CLI's): a real fabric state
 * store and spore repo; members, local instances, log files and unplaced slots set by the test.
 * {@link #FakeAgent(Path)} is the services alone, with this class's keys and a fixed clock, for
 * routing tests; {@link #FakeAgent(Path, TrustStore, TrustStore, String)} also serves the API on
 * a real Helidon server on 127.0.0.1 (the system clock; {@link #url()}), stopped by {@link #close()}.
 */
public final class FakeAgent implements AgentServices, AutoCloseable {
    public static final SigningKey OPERATOR = SigningKey.generate();
    public static final SigningKey PUBLISHER = SigningKey.generate();

    final StateStore store;
    final List<ClusterMember> members = new CopyOnWriteArrayList<>();
    public final List<InstanceStatus> local = new CopyOnWriteArrayList<>();
    public final Map<String, LogFiles> logs = new ConcurrentHashMap<>();
    public final List<PlacementResult.Unplaced> unplaced = new CopyOnWriteArrayList<>();
    /** Every stop or restart asked of this agent, as "action id who". */
    public final List<String> instanceActions = new CopyOnWriteArrayList<>();
    final MetricRegistry metrics = new MetricRegistry();
    final AtomicLong counter = new AtomicLong();
    volatile Readiness readiness = Readiness.up();
    /** The agent's clock; null for the system clock. */
    volatile Instant now;
    private final TrustStore operators;
    private final TrustStore publishers;
    private final SporeRepo repo;
    private final Path staging;
    private final WebServer server;

    /** The services only, trusting {@link #OPERATOR} and {@link #PUBLISHER}, at a fixed time. */
    FakeAgent(Path dir) throws IOException {
        this(dir, TrustStore.of(OPERATOR.verifyingKey()), TrustStore.of(PUBLISHER.verifyingKey()), null, false);
        now = Instant.parse("2026-11-29T01:00:00Z");
    }

    /** Serves the agent API (with {@code token}, or none when null) on a free loopback port. */
    public FakeAgent(Path dir, TrustStore operators, TrustStore publishers, String token) throws IOException {
        this(dir, operators, publishers, token, true);
    }

    private FakeAgent(Path dir, TrustStore operators, TrustStore publishers, String token, boolean serve) throws IOException {
        this.operators = operators;
        this.publishers = publishers;
        this.store = new StateStore(operators, true);
        this.repo = SporeRepo.open(dir.resolve("repo"));
        this.staging = dir.resolve("staging");
        if (serve) {
            ApiConfig config = new ApiConfig(token, false, ApiConfig.DEFAULT_MAX_UPLOAD, Duration.ofMinutes(5), Duration.ofMillis(20));
            this.server = WebServer.builder().host("127.0.0.1").port(0).routing(r -> AgentApi.mount(r, this, config)).build().start();
            member("node-a", url());
        } else {
            this.server = null;
            member("node-a", true);
        }
    }

    /** The served API's URL. */
    public String url() {
        if (server == null) {
            throw new IllegalStateException("this fake agent serves no API: use the constructor with a token");
        }
        return "http://127.0.0.1:" + server.port();
    }

    void member(String id, boolean alive) {
        member(id, alive, "http://127.0.0.1:1/" + id);
    }

    /** A live agent {@code id} whose API is at {@code apiUrl}. */
    public void member(String id, String apiUrl) {
        member(id, true, apiUrl);
    }

    private void member(String id, boolean alive, String apiUrl) {
        members.removeIf(m -> m.id().equals(id));
        members.add(new ClusterMember(id, Role.AGENT, "127.0.0.1", 7946, 7070, alive ? MemberStatus.ALIVE : MemberStatus.DEAD, 1000,
                id.equals("node-a")));
        nodeRecord(id, new NodeInfo(id, Role.AGENT, Map.of(), apiUrl, "test"));
    }

    void nodeRecord(String node, Object payload) {
        String name = payload instanceof InstanceRecord i ? i.instanceId()
                : payload instanceof io.mycelium.fabric.model.EndpointRecord e ? e.instanceId() : "";
        store.offer(new FabricRecord(RecordKey.node(RecordKind.of(payload), node, name),
                new Version(1, counter.incrementAndGet(), ""), Json.write(payload), ""), 0);
    }

    /** Publishes {@code node}'s capacity (placement counts only agents that published one). */
    public void capacity(String node, io.mycelium.fabric.model.Capacity c) {
        nodeRecord(node, c);
    }

    public void instance(String node, InstanceRecord r) {
        nodeRecord(node, r);
    }

    /** Says that {@code node} holds these spores (a rollout's target must be held by a live agent). */
    public void holds(String node, List<io.mycelium.spore.digest.Digest> digests) {
        nodeRecord(node, new io.mycelium.fabric.model.Holdings(digests));
    }

    @Override
    public String cluster() {
        return "test";
    }

    @Override
    public String nodeId() {
        return "node-a";
    }

    @Override
    public ClusterView view() {
        return new ClusterView("node-a", 0, new ArrayList<>(members), store.all());
    }

    @Override
    public Map<String, Long> fabricCounters() {
        return Map.of("messages_sent", 12L, "messages_received", 7L);
    }

    @Override
    public SubmitResult submitPlan(FabricRecord signed) {
        MergeOutcome o = store.offer(signed, 0);
        return switch (o.kind()) {
            case APPLIED, DUPLICATE -> SubmitResult.ok();
            case STALE -> SubmitResult.refused(signed.key() + ": a newer version is held");
            default -> SubmitResult.refused(o.reason());
        };
    }

    @Override
    public TrustStore operators() {
        return operators;
    }

    @Override
    public TrustStore publishers() {
        return publishers;
    }

    @Override
    public SporeStore spores() {
        return repo;
    }

    @Override
    public Path stagingDir() {
        return staging;
    }

    @Override
    public List<InstanceStatus> localInstances() {
        return List.copyOf(local);
    }

    @Override
    public Optional<LogFiles> logs(String instanceId) {
        return Optional.ofNullable(logs.get(instanceId));
    }

    @Override
    public Optional<InstanceStatus> stopInstance(String instanceId, String why) {
        return instanceAction("stop", instanceId, why);
    }

    @Override
    public Optional<InstanceStatus> restartInstance(String instanceId, String why) {
        return instanceAction("restart", instanceId, why);
    }

    private Optional<InstanceStatus> instanceAction(String action, String instanceId, String why) {
        Optional<InstanceStatus> s = local.stream().filter(i -> i.instanceId().equals(instanceId)).findFirst();
        s.ifPresent(x -> instanceActions.add(action + " " + instanceId + " " + why));
        return s;
    }

    @Override
    public List<PlacementResult.Unplaced> unplaced() {
        return List.copyOf(unplaced);
    }

    @Override
    public Readiness readiness() {
        return readiness;
    }

    @Override
    public MetricRegistry metrics() {
        return metrics;
    }

    @Override
    public Clock clock() {
        return () -> now == null ? System.currentTimeMillis() : now.toEpochMilli();
    }

    @Override
    public void close() {
        if (server != null) {
            server.stop();
        }
    }
}
