package io.mycelium.agent.api;

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
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/** A fake agent: a real fabric state store and spore repo, members and local instances set by the test. */
final class FakeServices implements AgentServices {
    static final SigningKey OPERATOR = SigningKey.generate();
    static final SigningKey PUBLISHER = SigningKey.generate();

    final StateStore store = new StateStore(TrustStore.of(OPERATOR.verifyingKey()), true);
    final List<ClusterMember> members = new CopyOnWriteArrayList<>();
    final List<InstanceStatus> local = new CopyOnWriteArrayList<>();
    final Map<String, LogFiles> logs = new ConcurrentHashMap<>();
    final List<PlacementResult.Unplaced> unplaced = new CopyOnWriteArrayList<>();
    final MetricRegistry metrics = new MetricRegistry();
    final AtomicLong counter = new AtomicLong();
    volatile Readiness readiness = Readiness.up();
    volatile Instant now = Instant.parse("2026-11-29T01:00:00Z");
    private final SporeRepo repo;
    private final Path staging;

    FakeServices(Path dir) throws IOException {
        repo = SporeRepo.open(dir.resolve("repo"));
        staging = dir.resolve("staging");
        member("node-a", true);
    }

    void member(String id, boolean alive) {
        members.removeIf(m -> m.id().equals(id));
        members.add(new ClusterMember(id, Role.AGENT, "127.0.0.1", 7946, 7070, alive ? MemberStatus.ALIVE : MemberStatus.DEAD, 1000,
                id.equals("node-a")));
        nodeRecord(id, new NodeInfo(id, Role.AGENT, Map.of(), "http://127.0.0.1:1/" + id, "test"));
    }

    void nodeRecord(String node, Object payload) {
        String name = payload instanceof InstanceRecord i ? i.instanceId()
                : payload instanceof io.mycelium.fabric.model.EndpointRecord e ? e.instanceId() : "";
        store.offer(new FabricRecord(RecordKey.node(RecordKind.of(payload), node, name),
                new Version(1, counter.incrementAndGet(), ""), Json.write(payload), ""), 0);
    }

    void instance(String node, InstanceRecord r) {
        nodeRecord(node, r);
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
        return TrustStore.of(OPERATOR.verifyingKey());
    }

    @Override
    public TrustStore publishers() {
        return TrustStore.of(PUBLISHER.verifyingKey());
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
    final List<String> instanceActions = new CopyOnWriteArrayList<>();

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
        return () -> now.toEpochMilli();
    }
}
