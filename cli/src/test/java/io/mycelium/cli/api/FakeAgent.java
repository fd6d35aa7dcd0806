package io.mycelium.cli.api;

import io.helidon.webserver.WebServer;
import io.mycelium.agent.api.AgentApi;
import io.mycelium.agent.api.AgentServices;
import io.mycelium.agent.api.ApiConfig;
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
import io.mycelium.spore.key.TrustStore;
import io.mycelium.spore.store.SporeRepo;
import io.mycelium.spore.store.SporeStore;
import io.mycelium.spore.time.Clock;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A real Helidon server on 127.0.0.1 serving the agent API over a fake agent: a real fabric state
 * store and spore repo, members, instances and log files set by the test. Closed by the test.
 */
public final class FakeAgent implements AgentServices, AutoCloseable {
    final StateStore store;
    final TrustStore operators;
    final TrustStore publishers;
    final List<ClusterMember> members = new CopyOnWriteArrayList<>();
    public final Map<String, LogFiles> logs = new ConcurrentHashMap<>();
    public final List<InstanceStatus> local = new CopyOnWriteArrayList<>();
    public final List<PlacementResult.Unplaced> unplaced = new CopyOnWriteArrayList<>();
    private final MetricRegistry metrics = new MetricRegistry();
    private final AtomicLong counter = new AtomicLong();
    private final SporeRepo repo;
    private final Path staging;
    private final WebServer server;

    public FakeAgent(Path dir, TrustStore operators, TrustStore publishers, String token) throws IOException {
        this.operators = operators;
        this.publishers = publishers;
        this.store = new StateStore(operators, true);
        this.repo = SporeRepo.open(dir.resolve("repo"));
        this.staging = dir.resolve("staging");
        ApiConfig config = new ApiConfig(token, false, ApiConfig.DEFAULT_MAX_UPLOAD, Duration.ofMinutes(5), Duration.ofMillis(20));
        this.server = WebServer.builder().host("127.0.0.1").port(0).routing(r -> AgentApi.mount(r, this, config)).build().start();
        member("node-a", url());
    }

    public String url() {
        return "http://127.0.0.1:" + server.port();
    }

    public void member(String id, String apiUrl) {
        members.removeIf(m -> m.id().equals(id));
        members.add(new ClusterMember(id, Role.AGENT, "127.0.0.1", 7946, 0, MemberStatus.ALIVE, 1000, id.equals("node-a")));
        nodeRecord(id, new NodeInfo(id, Role.AGENT, Map.of(), apiUrl, "test"));
    }

    public void instance(String node, InstanceRecord r) {
        nodeRecord(node, r);
    }

    /** Says that {@code node} holds these spores (a rollout's target must be held by a live agent). */
    public void holds(String node, List<io.mycelium.spore.digest.Digest> digests) {
        nodeRecord(node, new io.mycelium.fabric.model.Holdings(digests));
    }

    private void nodeRecord(String node, Object payload) {
        String name = payload instanceof InstanceRecord i ? i.instanceId() : "";
        store.offer(new FabricRecord(RecordKey.node(RecordKind.of(payload), node, name), new Version(1, counter.incrementAndGet(), ""),
                Json.write(payload), ""), 0);
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
        return Map.of();
    }

    @Override
    public SubmitResult submitPlan(FabricRecord signed) {
        MergeOutcome o = store.offer(signed, 0);
        return o.refused() || o.kind() == MergeOutcome.Kind.STALE ? SubmitResult.refused(o.reason()) : SubmitResult.ok();
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

    /** Every stop or restart asked of this agent, as "action id who". */
    public final List<String> instanceActions = new CopyOnWriteArrayList<>();

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
        return Readiness.up();
    }

    @Override
    public MetricRegistry metrics() {
        return metrics;
    }

    @Override
    public Clock clock() {
        return Clock.SYSTEM;
    }

    @Override
    public void close() {
        server.stop();
    }
}
