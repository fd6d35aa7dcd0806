package io.mycelium.fabric.rollout;

import io.mycelium.fabric.ClusterMember;
import io.mycelium.fabric.ClusterView;
import io.mycelium.fabric.membership.MemberStatus;
import io.mycelium.fabric.model.EndpointRecord;
import io.mycelium.fabric.model.EndpointState;
import io.mycelium.fabric.model.HyphaeInfo;
import io.mycelium.fabric.model.InstanceRecord;
import io.mycelium.fabric.model.InstanceState;
import io.mycelium.fabric.model.Json;
import io.mycelium.fabric.model.Plan;
import io.mycelium.fabric.model.RecordKind;
import io.mycelium.fabric.model.RevisionTraffic;
import io.mycelium.fabric.model.Role;
import io.mycelium.fabric.model.RolloutCommand;
import io.mycelium.fabric.model.RolloutProgress;
import io.mycelium.fabric.model.RoutingReport;
import io.mycelium.fabric.model.Telemetry;
import io.mycelium.fabric.model.UpdateStrategy;
import io.mycelium.fabric.state.FabricRecord;
import io.mycelium.fabric.state.OperatorRecords;
import io.mycelium.fabric.state.RecordKey;
import io.mycelium.fabric.state.Version;
import io.mycelium.spore.digest.Digest;
import io.mycelium.spore.key.SigningKey;
import io.mycelium.spore.key.TrustStore;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * A cluster as records, for walking rollouts step by step without threads or sockets: agents
 * whose instances follow each decision (Ready when their revision is healthy), edges (and, with
 * {@link #withRouters()}, the agents' hyphae routers) that report the split they were told
 * (unless lagging), a fake clock, and two operators' keys.
 */
final class World {
    static final SigningKey ALICE = SigningKey.fromSeed(new byte[32]);
    static final SigningKey BOB = SigningKey.fromSeed(seed(7));
    static final TrustStore TRUST = TrustStore.of(ALICE.verifyingKey(), BOB.verifyingKey());
    static final String APP = "billing";
    static final Digest V1 = digest("v1");
    static final Digest V2 = digest("v2");
    static final Digest V3 = digest("v3");

    private final Map<String, ClusterMember> members = new TreeMap<>();
    private final Map<RecordKey, FabricRecord> records = new TreeMap<>();
    private final Set<Digest> healthy = new HashSet<>(Set.of(V1));
    private final Set<String> lagging = new HashSet<>();
    private final Map<String, Map<Digest, Long>> inFlight = new HashMap<>();
    /** Edge to the revisions whose endpoints it has not learned (it reports none Ready of them). */
    private final Map<String, Set<Digest>> blind = new HashMap<>();
    private long counter;
    private long hlcSeq;
    private long now = 1_000_000;

    static Digest digest(String s) {
        return Digest.of(s.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] seed(int b) {
        byte[] s = new byte[32];
        s[0] = (byte) b;
        return s;
    }

    /** Agents a1..a3 and edges e1, e2, all alive; plan v1 of {@code instances}, running and Ready. */
    static World running(int instances) {
        World w = new World();
        for (String a : List.of("a1", "a2", "a3")) {
            w.member(a, Role.AGENT);
        }
        w.member("e1", Role.EDGE);
        w.member("e2", Role.EDGE);
        w.plan(Plan.of(APP, V1, instances));
        w.tick();
        w.tick();
        return w;
    }

    /** {@link #running} with v2 healthy and a manual blue/green rollout to it waiting for promotion. */
    static World waitingForPromote(int instances) {
        World w = running(instances);
        w.healthy(V2, true);
        w.start(V2, UpdateStrategy.blueGreen(null));
        w.tick();
        w.tick();
        w.tick();
        return w;
    }

    /** Promotes the current step as an operator would, from the current view. */
    void promote() {
        command(ALICE, h -> RolloutCommands.promote(view(), APP, h, ""));
    }

    World member(String id, Role role) {
        members.put(id, new ClusterMember(id, role, "127.0.0.1", 7000 + members.size(), 8000 + members.size(), MemberStatus.ALIVE, 0, false));
        return this;
    }

    void kill(String id) {
        ClusterMember m = members.get(id);
        members.put(id, new ClusterMember(id, m.role(), m.host(), m.fabricPort(), m.apiPort(), MemberStatus.DEAD, 0, false));
    }

    long now() {
        return now;
    }

    void advance(long ms) {
        now += ms;
    }

    long hlc() {
        return (now << 16) + (++hlcSeq & 0xff);
    }

    void healthy(Digest d, boolean yes) {
        if (yes) {
            healthy.add(d);
        } else {
            healthy.remove(d);
        }
    }

    void lagging(String edge, boolean yes) {
        if (yes) {
            lagging.add(edge);
        } else {
            lagging.remove(edge);
        }
    }

    void inFlight(String edge, Digest d, long n) {
        inFlight.computeIfAbsent(edge, e -> new HashMap<>()).put(d, n);
    }

    Plan plan() {
        return view().plan(APP).orElseThrow();
    }

    void plan(Plan p) {
        FabricRecord r = OperatorRecords.sign(ALICE, p, APP, view().planRevision(APP) + 1, hlc());
        records.put(r.key(), r);
    }

    /** Applies the plan with a new digest and strategy, and the START command for it (as `mesh rollout start` will). */
    RolloutCommand start(Digest to, UpdateStrategy strategy) {
        long hlc = hlc();
        RolloutCommand c = RolloutCommands.start(view(), APP, to, "2.0." + to.shortForm().charAt(0), ALICE.id(), hlc, "");
        plan(plan().withDigest(to).withStrategy(strategy));
        submit(ALICE, c, hlc);
        return c;
    }

    /** Builds a command from the current view with {@code how} and submits it signed by {@code key}. */
    RolloutCommand command(SigningKey key, Function<Long, RolloutCommand> how) {
        long hlc = hlc();
        RolloutCommand c = how.apply(hlc);
        submit(key, c, hlc);
        return c;
    }

    FabricRecord signed(SigningKey key, RolloutCommand c, long hlc) {
        return OperatorRecords.sign(key, c, APP, Rollouts.commandRevision(view(), APP) + 1, hlc);
    }

    void submit(SigningKey key, RolloutCommand c, long hlc) {
        FabricRecord r = signed(key, c, hlc);
        records.put(r.key(), r);
    }

    void put(FabricRecord r) {
        records.put(r.key(), r);
    }

    void nodeRecord(String node, RecordKind kind, String name, Object payload) {
        FabricRecord r = new FabricRecord(RecordKey.node(kind, node, name), new Version(1, ++counter, ""), Json.write(payload), "");
        records.put(r.key(), r);
    }

    /** Each live edge reports {@code requests} to {@code d} with {@code errors} among them in a window that ends now. */
    void traffic(Digest d, long requests, long errors) {
        for (ClusterMember m : view().liveMembers(Role.EDGE)) {
            nodeRecord(m.id(), RecordKind.TELEMETRY, "", new Telemetry(Map.of("p99_ms." + APP, 5.0),
                    List.of(new RevisionTraffic(APP, d, requests, errors, 5.0, now, 10_000))));
        }
    }

    ClusterView view() {
        return new ClusterView("a1", now, members.values(), records.values());
    }

    RolloutDecision decide() {
        return Rollouts.next(view(), APP, Instant.ofEpochMilli(now)).orElseThrow();
    }

    /** One round: decide, then the world follows (marks published by a1, instances, endpoints, edges' routing). */
    RolloutDecision tick() {
        RolloutDecision d = decide();
        follow(d);
        return d;
    }

    void follow(RolloutDecision d) {
        Optional<RolloutProgress> mine = view().record(RecordKey.node(RecordKind.ROLLOUT_PROGRESS, "a1", APP))
                .flatMap(r -> r.value(RolloutProgress.class));
        d.progress(mine).ifPresent(p -> nodeRecord("a1", RecordKind.ROLLOUT_PROGRESS, APP, p));
        runInstances(d.instances());
        for (ClusterMember m : view().liveMembers()) {
            boolean router = m.role() == Role.EDGE || view().record(RecordKey.node(RecordKind.HYPHAE, m.id(), "")).isPresent();
            if (router && !lagging.contains(m.id())) {
                Map<Digest, Integer> ready = new TreeMap<>(Rollouts.readyEndpoints(view(), APP));
                ready.keySet().removeAll(blind.getOrDefault(m.id(), Set.of()));
                nodeRecord(m.id(), RecordKind.ROUTING, APP, new RoutingReport(APP, d.state().rollout(), d.split().weights(), d.split().preview(),
                        inFlight.getOrDefault(m.id(), Map.of()), ready));
            }
        }
    }

    /** Every agent runs a hyphae router (publishes its {@code hyphae} record) that reports its routing like an edge, unless lagging. */
    World withRouters() {
        for (ClusterMember m : view().liveMembers(Role.AGENT)) {
            nodeRecord(m.id(), RecordKind.HYPHAE, "", new HyphaeInfo("127.0.0.1", m.fabricPort() + 100));
        }
        return this;
    }

    /** Whether edge {@code id} lacks the endpoint records of {@code d} (a router that has not caught up with them). */
    void blind(String id, Digest d, boolean on) {
        if (on) {
            blind.computeIfAbsent(id, k -> new HashSet<>()).add(d);
        } else {
            blind.getOrDefault(id, new HashSet<>()).remove(d);
        }
    }

    /** Replaces the app's instances with {@code counts}, spread over the live agents; Ready when healthy. */
    private void runInstances(Map<Digest, Integer> counts) {
        records.keySet().removeIf(k -> (k.kind() == RecordKind.INSTANCE || k.kind() == RecordKind.ENDPOINT));
        List<ClusterMember> agents = view().liveMembers(Role.AGENT);
        int slot = 0;
        for (Map.Entry<Digest, Integer> e : counts.entrySet()) {
            for (int i = 0; i < e.getValue(); i++, slot++) {
                String node = agents.get(slot % agents.size()).id();
                String id = APP + "-" + i + "-" + e.getKey().shortForm();
                boolean ready = healthy.contains(e.getKey());
                nodeRecord(node, RecordKind.INSTANCE, id, new InstanceRecord(id, APP, i, e.getKey(),
                        ready ? InstanceState.READY : InstanceState.LAUNCHING, 0, ""));
                if (ready) {
                    nodeRecord(node, RecordKind.ENDPOINT, id, new EndpointRecord(APP, id, e.getKey(), "127.0.0.1", 9000 + slot, EndpointState.READY));
                }
            }
        }
    }

    /** Every record, for feeding into a store in some order. */
    List<FabricRecord> all() {
        return new ArrayList<>(records.values());
    }

    Map<RecordKey, FabricRecord> recordMap() {
        return records;
    }

    Map<String, ClusterMember> memberMap() {
        return members;
    }
}
