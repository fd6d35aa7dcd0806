package io.mycelium.client.explain;

import io.mycelium.fabric.ClusterMember;
import io.mycelium.fabric.ClusterView;
import io.mycelium.fabric.autoscale.Autoscaler;
import io.mycelium.fabric.autoscale.ScalePolicy;
import io.mycelium.fabric.gossip.Disseminator;
import io.mycelium.fabric.gossip.GossipConfig;
import io.mycelium.fabric.gossip.InMemoryNetwork;
import io.mycelium.fabric.gossip.PeerSampler;
import io.mycelium.fabric.ledger.Accounts;
import io.mycelium.fabric.ledger.Spend;
import io.mycelium.fabric.membership.MemberStatus;
import io.mycelium.fabric.metrics.FabricMetrics;
import io.mycelium.fabric.model.Budget;
import io.mycelium.fabric.model.Capacity;
import io.mycelium.fabric.model.EndpointRecord;
import io.mycelium.fabric.model.EndpointState;
import io.mycelium.fabric.model.InstanceRecord;
import io.mycelium.fabric.model.InstanceState;
import io.mycelium.fabric.model.Json;
import io.mycelium.fabric.model.NodeInfo;
import io.mycelium.fabric.model.Plan;
import io.mycelium.fabric.model.RecordKind;
import io.mycelium.fabric.model.Role;
import io.mycelium.fabric.model.ScaleDecision;
import io.mycelium.fabric.model.Telemetry;
import io.mycelium.fabric.model.UpdateStrategy;
import io.mycelium.fabric.model.Usage;
import io.mycelium.fabric.placement.SlotId;
import io.mycelium.fabric.state.FabricRecord;
import io.mycelium.fabric.state.OperatorRecords;
import io.mycelium.fabric.state.RecordKey;
import io.mycelium.fabric.state.StateStore;
import io.mycelium.fabric.state.Version;
import io.mycelium.fabric.time.EventLoop;
import io.mycelium.spore.digest.Digest;
import io.mycelium.spore.key.SigningKey;
import io.mycelium.spore.key.TrustStore;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * The ledger and the autoscaler at 1,000 nodes, in one JVM, no processes: the pure decision
 * functions on a synthetic view, and the real {@link Disseminator}s and {@link StateStore}s of every
 * node on the in-memory network under a fake clock (as {@code mesh fabric simulate}).
 *
 * <ol>
 *   <li>{@link #decisionTimes}: wall time of one agent's decisions on a 1,000-node view: the
 *   autoscaler for every app, every account (the ledger sums), and the one placement function
 *   (admission inside).</li>
 *   <li>{@link #usageConvergence}: every node meters its own grow-only usage record every 2 s and
 *   gossips it; after the last count (optionally after a partition of two halves heals), the
 *   simulated time until every node's sum equals the exact total, and that no node ever summed
 *   more than was counted.</li>
 *   <li>{@link #scaleOut}: the app's p99 goes over its SLO at t0; edges publish telemetry every 2 s,
 *   the app's publishers decide at their meter ticks, the decision spreads, the nodes the
 *   placement function gives the new slots start them (a given start time), their Ready endpoints
 *   spread to the edges: the simulated time of each hop.</li>
 * </ol>
 */
public final class LedgerSimulation {
    static final SigningKey OPERATOR = SigningKey.fromSeed(new byte[32]);
    static final long START = 1_700_000_000_000L;
    static final long METER_MS = 2_000;
    static final long TELEMETRY_MS = 2_000;

    private LedgerSimulation() {
    }

    static String agent(int i) {
        return String.format("agent-%04d", i);
    }

    // ---------------------------------------------------------------- 1. decision time

    /**
     * A view of {@code nodes} agents (2 cpu, 4 GiB each) and 2 edges, {@code apps} apps of
     * {@code instances} instances (250 m, 256 MiB), each with a budget (min 1, max 50), an SLO, usage
     * records from the {@code instances} nodes that run it, edge telemetry, and scale decisions
     * published by {@code publishers} agents per app (each with a full 5-minute window of
     * recommendations, as after 5 minutes of 2 s ticks).
     */
    static ClusterView syntheticView(int nodes, int apps, int instances, int publishers) {
        List<ClusterMember> members = new ArrayList<>();
        List<FabricRecord> records = new ArrayList<>();
        long[] counter = {0};
        for (int n = 0; n < nodes; n++) {
            String id = agent(n);
            members.add(new ClusterMember(id, Role.AGENT, "127.0.0.1", 1, 2, MemberStatus.ALIVE, 0, n == 0));
            records.add(node(RecordKind.NODE, id, "", new NodeInfo(id, Role.AGENT, Map.of(), "http://" + id + ":7070", ""), ++counter[0]));
            records.add(node(RecordKind.CAPACITY, id, "", new Capacity(2_000, 2_000, 4_096, 4_096), ++counter[0]));
        }
        Map<String, Double> edgeMetrics = new TreeMap<>();
        for (int a = 0; a < apps; a++) {
            String app = "app-" + a;
            Plan plan = Plan.of(app, Digest.of(app.getBytes(StandardCharsets.UTF_8)), instances).withNutrients(250, 256)
                    .withStrategy(UpdateStrategy.DEFAULT.withAnalysis(UpdateStrategy.Analysis.DEFAULT.withP99BudgetMs(300)));
            records.add(OperatorRecords.sign(OPERATOR, plan, app, 1, ++counter[0]));
            records.add(OperatorRecords.sign(OPERATOR, new Budget(app, 1_000_000, 100, 1, 50, a % 5, START), app, 1, ++counter[0]));
            for (int i = 0; i < instances; i++) {
                String on = agent((a * 7 + i * 13) % nodes);
                records.add(node(RecordKind.USAGE, on, app, new Usage(app, 60_000, 1_000_000_000L, 5_000_000L + i, 0.9, 1, START), ++counter[0]));
            }
            edgeMetrics.put("p99_ms." + app, 250.0 + a % 100);
            edgeMetrics.put("rps." + app, 40.0);
            List<ScaleDecision.Recommendation> window = new ArrayList<>();
            for (int t = 0; t < 150; t++) {
                window.add(new ScaleDecision.Recommendation(START + t * METER_MS, instances));
            }
            for (int p = 0; p < publishers; p++) {
                records.add(node(RecordKind.SCALE, agent((a + p * 31) % nodes), app, new ScaleDecision(app, instances, 260, 300, 40,
                        "steady at " + instances + ": p99 260 ms vs target 300 ms (±10%) at 40.0 req/s", START + 150 * METER_MS - p,
                        START, window), ++counter[0]));
            }
        }
        for (String e : List.of("edge-1", "edge-2")) {
            members.add(new ClusterMember(e, Role.EDGE, "127.0.0.1", 1, 2, MemberStatus.ALIVE, 0, false));
            records.add(node(RecordKind.TELEMETRY, e, "", new Telemetry(edgeMetrics), ++counter[0]));
        }
        return new ClusterView(agent(0), START + 150 * METER_MS + 1_000, members, records);
    }

    /**
     * {@code view} with every slot running: a Ready instance record for each slot on the node the
     * placement function gives it, as in a cluster that has settled. A pass over it keeps every slot
     * where it runs and scores none.
     */
    static ClusterView withInstancesRunning(ClusterView view) {
        List<FabricRecord> records = new ArrayList<>(view.records());
        long counter = 1_000_000_000L;
        for (Map.Entry<SlotId, String> e : SlotPlacement.place(view).placement().assignments().entrySet()) {
            SlotId slot = e.getKey();
            Plan plan = view.plans().get(slot.app());
            String id = slot.app() + "-" + slot.index();
            records.add(node(RecordKind.INSTANCE, e.getValue(), id,
                    new InstanceRecord(id, slot.app(), slot.index(), plan.digest(), InstanceState.READY, 0, "", 10_000 + slot.index()), ++counter));
        }
        return new ClusterView(view.self(), view.takenAtMillis(), view.members(), records);
    }

    static FabricRecord node(RecordKind kind, String owner, String name, Object payload, long counter) {
        return new FabricRecord(RecordKey.node(kind, owner, name), new Version(1, counter, ""), Json.write(payload), "");
    }

    /** Median wall milliseconds of one agent's decisions on {@code records} (a fresh view each run, as after each fabric change). */
    record DecisionTimes(int nodes, int apps, int records, int scaleRecords, double viewMs, double autoscaleAllAppsMs,
                         double accountsMs, double placementMs, int placed) {
    }

    static DecisionTimes decisionTimes(ClusterView template, int runs) {
        List<FabricRecord> records = new ArrayList<>();
        for (RecordKind k : RecordKind.values()) {
            records.addAll(template.records(k));
        }
        List<ClusterMember> members = List.copyOf(template.members());
        long now = template.takenAtMillis();
        double[] view = new double[runs];
        double[] scale = new double[runs];
        double[] accounts = new double[runs];
        double[] place = new double[runs];
        int placed = 0;
        for (int r = 0; r < runs; r++) {
            long t0 = System.nanoTime();
            ClusterView v = new ClusterView(template.self(), now, members, records);
            long t1 = System.nanoTime();
            int decided = 0;
            for (String app : v.plans().keySet()) {
                decided += Autoscaler.decide(v, app, now, ScalePolicy.DEFAULT).map(d -> 1).orElse(0);
            }
            long t2 = System.nanoTime();
            int budgets = Accounts.of(v, now).size();
            long t3 = System.nanoTime();
            placed = SlotPlacement.place(v).placement().assignments().size();
            long t4 = System.nanoTime();
            if (decided != v.plans().size() || budgets != v.plans().size()) {
                throw new IllegalStateException("decided " + decided + " and " + budgets + " accounts of " + v.plans().size() + " apps");
            }
            view[r] = (t1 - t0) / 1e6;
            scale[r] = (t2 - t1) / 1e6;
            accounts[r] = (t3 - t2) / 1e6;
            place[r] = (t4 - t3) / 1e6;
        }
        return new DecisionTimes(members.size(), template.plans().size(), records.size(), template.records(RecordKind.SCALE).size(),
                median(view), median(scale), median(accounts), median(place), placed);
    }

    static double median(double[] xs) {
        double[] s = xs.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }

    // ---------------------------------------------------------------- shared gossip set-up

    /** Every node's disseminator on one in-memory network, ticking as agents do. */
    static final class Cluster {
        final EventLoop loop = new EventLoop(START);
        final InMemoryNetwork net;
        final List<String> ids;
        final Map<String, Disseminator> nodes = new HashMap<>();
        final TrustStore trust = TrustStore.of(OPERATOR.verifyingKey());

        Cluster(List<String> ids, long seed) {
            this.ids = List.copyOf(ids);
            net = new InMemoryNetwork(loop, seed, 0, 1, 5);
            SplittableRandom seeds = new SplittableRandom(seed ^ 0x5DEECE66DL);
            GossipConfig gc = GossipConfig.DEFAULT;
            FabricMetrics metrics = new FabricMetrics();
            for (String id : ids) {
                Disseminator d = new Disseminator(new StateStore(trust, true), net.join(id), PeerSampler.of(ids, id), gc, loop.clock(),
                        seeds.split(), metrics);
                nodes.put(id, d);
                loop.every(seeds.nextLong(gc.intervalMs()), gc.intervalMs(), d::tick);
                loop.every(seeds.nextLong(gc.antiEntropyMs()), gc.antiEntropyMs(), d::antiEntropyTick);
            }
        }

        long now() {
            return loop.now();
        }
    }

    static long quantile(long[] sorted, double q) {
        int idx = (int) Math.ceil(q * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, idx))];
    }

    // ---------------------------------------------------------------- 2. usage convergence

    /**
     * @param convergedP50Ms   after the last count: half of the nodes sum the exact total
     * @param convergedP99Ms   99% of them
     * @param convergedMaxMs   all of them (-1: not within the limit)
     * @param overcounts       times any node's sum exceeded what had been counted by then (must be 0)
     * @param checkedViews     nodes whose final view was checked with {@link Spend} itself
     * @param totalMicro       the exact total
     * @param msgsPerNodePerS  gossip messages sent per node per simulated second while metering
     * @param bytesPerNodePerS bytes of them
     */
    record Convergence(int nodes, boolean partition, long convergedP50Ms, long convergedP99Ms, long convergedMaxMs, long overcounts,
                       int checkedViews, long totalMicro, double msgsPerNodePerS, double bytesPerNodePerS) {
    }

    /**
     * {@code nodes} agents each run one instance of {@code shop} and meter it every 2 s for
     * {@code meterMs}; with {@code partition}, the two halves cannot talk for the last half of it
     * and heal at the last count. Each node's running sum is kept from its store's listener (the
     * same newest-record-per-node rule as {@link Spend}); at the end {@code checkViews} nodes' views
     * are summed by {@link Spend} itself.
     */
    static Convergence usageConvergence(int nodes, long meterMs, boolean partition, int checkViews, long seed) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < nodes; i++) {
            ids.add(agent(i));
        }
        Cluster c = new Cluster(ids, seed);
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < nodes; i++) {
            index.put(ids.get(i), i);
        }
        long[][] seen = new long[nodes][nodes]; // seen[holder][owner]: micro-credits of the owner's newest record there
        long[] sums = new long[nodes];
        long[] counted = new long[nodes]; // each owner's own count
        long[] total = {0};
        long[] overcounts = {0};
        long[] reachedAt = new long[nodes];
        long[] target = {Long.MAX_VALUE};
        int[] converged = {0};
        Arrays.fill(reachedAt, -1);
        for (int h = 0; h < nodes; h++) {
            int holder = h;
            c.nodes.get(ids.get(h)).store().addListener(r -> {
                if (r.key().kind() != RecordKind.USAGE || r.tombstone()) {
                    return;
                }
                int owner = index.get(r.key().owner());
                long micro = r.value(Usage.class).orElseThrow().microCredits();
                sums[holder] += micro - seen[holder][owner];
                seen[holder][owner] = micro;
                if (sums[holder] > total[0]) {
                    overcounts[0]++;
                }
                if (sums[holder] == target[0] && reachedAt[holder] < 0) {
                    reachedAt[holder] = c.now();
                    converged[0]++;
                }
            });
        }
        SplittableRandom rnd = new SplittableRandom(seed);
        List<AutoCloseable> meters = new ArrayList<>();
        long[] ticks = new long[nodes];
        for (int i = 0; i < nodes; i++) {
            int n = i;
            Disseminator d = c.nodes.get(ids.get(i));
            long perTick = 1_000 + rnd.nextLong(9_000); // micro-credits per 2 s: 0.0018-0.018 credits/h
            meters.add(c.loop.every(rnd.nextLong(METER_MS), METER_MS, () -> {
                ticks[n]++;
                counted[n] += perTick;
                total[0] += perTick;
                d.publish(node(RecordKind.USAGE, ids.get(n), "shop", new Usage("shop", ticks[n] * 20, ticks[n] * 2_000 * 64,
                        counted[n], perTick * 1_800 / 1e6, 1, c.now()), ticks[n]));
            }));
        }
        long begin = c.now();
        if (partition) {
            c.loop.runUntil(begin + meterMs / 2);
            c.net.partition(new HashSet<>(ids.subList(0, nodes / 2)), 1);
        }
        long msgs0 = c.net.messages();
        long bytes0 = c.net.bytes();
        long t0 = c.now();
        c.loop.runUntil(begin + meterMs);
        double seconds = (c.now() - t0) / 1000.0;
        double msgs = (c.net.messages() - msgs0) / (nodes * seconds);
        double bytes = (c.net.bytes() - bytes0) / (nodes * seconds);
        for (AutoCloseable m : meters) {
            try {
                m.close();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        c.net.heal();
        long last = c.now();
        target[0] = total[0];
        for (int h = 0; h < nodes; h++) {
            if (sums[h] == target[0]) {
                reachedAt[h] = last;
                converged[0]++;
            }
        }
        c.loop.runUntil(last + 60_000, () -> converged[0] == nodes);
        long[] times = Arrays.stream(reachedAt).map(t -> t < 0 ? Long.MAX_VALUE : t - last).sorted().toArray();
        int checked = 0;
        List<ClusterMember> members = ids.stream().map(id -> new ClusterMember(id, Role.AGENT, "127.0.0.1", 1, 2, MemberStatus.ALIVE, 0, false)).toList();
        for (int h = 0; h < nodes && checked < checkViews; h += Math.max(1, nodes / Math.max(1, checkViews))) {
            ClusterView v = new ClusterView(ids.get(h), c.now(), members, c.nodes.get(ids.get(h)).store().all());
            long spent = Spend.microCredits(v, "shop");
            if (spent != total[0]) {
                throw new IllegalStateException(ids.get(h) + " sums " + spent + " by Spend, the nodes counted " + total[0]);
            }
            checked++;
        }
        long max = times[nodes - 1];
        return new Convergence(nodes, partition, quantile(times, 0.5), quantile(times, 0.99), max == Long.MAX_VALUE ? -1 : max,
                overcounts[0], checked, total[0], msgs, bytes);
    }

    // ---------------------------------------------------------------- 3. p99 over the SLO to a new instance routed

    /**
     * Simulated milliseconds after the p99 went over its SLO (t0) until: the first edge telemetry
     * over it was published; the first scale-out decision was published; the first node given a
     * new slot saw it; its instance was Ready; every edge held its Ready endpoint (routed), and the
     * same for the last new instance. {@code startMs} is the workload's own start, given;
     * {@code passMs} the node's reconcile pass (placement) before it starts the instance, given (the
     * report measures it on a settled 1,000-node view).
     */
    record ScaleOut(int nodes, long seed, long startMs, long passMs, long telemetryMs, long decisionMs, long seenByNodeMs, long firstReadyMs,
                    long firstRoutedMs, long lastRoutedMs, int newInstances, int scaleRecords, int publishers, double msgsPerNodePerS,
                    double bytesPerNodePerS) {
    }

    static ScaleOut scaleOut(int nodes, long startMs, long passMs, long seed) {
        String app = "shop";
        List<String> ids = new ArrayList<>();
        List<ClusterMember> members = new ArrayList<>();
        for (int i = 0; i < nodes; i++) {
            ids.add(agent(i));
            members.add(new ClusterMember(agent(i), Role.AGENT, "127.0.0.1", 1, 2, MemberStatus.ALIVE, 0, false));
        }
        List<String> edges = List.of("edge-1", "edge-2");
        for (String e : edges) {
            ids.add(e);
            members.add(new ClusterMember(e, Role.EDGE, "127.0.0.1", 1, 2, MemberStatus.ALIVE, 0, false));
        }
        Cluster c = new Cluster(ids, seed);
        Plan plan = Plan.of(app, Digest.of(app.getBytes(StandardCharsets.UTF_8)), 2).withNutrients(250, 256)
                .withStrategy(UpdateStrategy.DEFAULT.withAnalysis(UpdateStrategy.Analysis.DEFAULT.withP99BudgetMs(300)));
        Budget budget = new Budget(app, 10_000, 0, 1, 10, 0, START);
        c.nodes.get(agent(0)).publish(OperatorRecords.sign(OPERATOR, plan, app, 1, START << 16));
        c.nodes.get(agent(0)).publish(OperatorRecords.sign(OPERATOR, budget, app, 1, (START << 16) + 1));

        // Where every slot goes, from the one placement function on the full view (the same on every node).
        Map<Integer, String> slotNode = placements(nodes, plan, budget, 5);
        long[] counters = new long[ids.size()];
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < ids.size(); i++) {
            index.put(ids.get(i), i);
        }
        for (int slot = 0; slot < 2; slot++) {
            String on = slotNode.get(slot);
            c.nodes.get(on).publish(node(RecordKind.ENDPOINT, on, app + "-" + slot, new EndpointRecord(app, app + "-" + slot,
                    plan.digest(), "127.0.0.1", 20_000 + slot, EndpointState.READY), ++counters[index.get(on)]));
        }
        double[] p99 = {280}; // inside the 10% band of the 300 ms SLO: steady at 2
        long[] t = {-1, -1, -1, -1, -1, -1}; // telemetry, decision, seen, first ready, first routed, last routed
        long[] t0 = {Long.MAX_VALUE};
        SplittableRandom rnd = new SplittableRandom(seed);
        for (String e : edges) {
            Disseminator d = c.nodes.get(e);
            c.loop.every(rnd.nextLong(TELEMETRY_MS), TELEMETRY_MS, () -> {
                d.publish(node(RecordKind.TELEMETRY, e, "", new Telemetry(Map.of("p99_ms." + app, p99[0], "rps." + app, 40.0)),
                        ++counters[index.get(e)]));
                if (p99[0] > 300 && t[0] < 0) {
                    t[0] = c.now() - t0[0];
                }
            });
        }
        // Each agent's meter tick: a publisher of the app decides and publishes (Agent.publishScaleDecisions).
        int[] publishers = {0};
        Set<String> published = new HashSet<>();
        for (int i = 0; i < nodes; i++) {
            String id = agent(i);
            Disseminator d = c.nodes.get(id);
            c.loop.every(rnd.nextLong(METER_MS), METER_MS, () -> {
                ClusterView v = new ClusterView(id, c.now(), members, d.store().all());
                if (!Autoscaler.publishes(v, app, id)) {
                    return;
                }
                Autoscaler.decide(v, app, c.now(), ScalePolicy.DEFAULT).ifPresent(s -> {
                    if (published.add(id)) {
                        publishers[0]++;
                    }
                    d.publish(node(RecordKind.SCALE, id, app, s, ++counters[index.get(id)]));
                    if (s.desired() > 2 && t[1] < 0) {
                        t[1] = c.now() - t0[0];
                    }
                });
            });
        }
        // The nodes of the new slots start them once they see the decision; the edges route once they hold the Ready endpoints.
        Set<String> routedEverywhere = new HashSet<>();
        Map<String, Set<String>> routedAt = new HashMap<>();
        int[] newInstances = {0};
        for (Map.Entry<Integer, String> e : slotNode.entrySet()) {
            int slot = e.getKey();
            if (slot < 2) {
                continue;
            }
            String on = e.getValue();
            Disseminator d = c.nodes.get(on);
            boolean[] started = {false};
            d.store().addListener(r -> {
                if (started[0] || r.key().kind() != RecordKind.SCALE || r.tombstone()) {
                    return;
                }
                if (r.value(ScaleDecision.class).orElseThrow().desired() > slot) {
                    started[0] = true;
                    if (t[2] < 0) {
                        t[2] = c.now() - t0[0];
                    }
                    // the reconcile pass that places the new slot, the workload's own start, then the first probe (every 20 ms)
                    c.loop.later(passMs + startMs + 20, () -> {
                        if (t[3] < 0) {
                            t[3] = c.now() - t0[0];
                        }
                        newInstances[0]++;
                        d.publish(node(RecordKind.ENDPOINT, on, app + "-" + slot, new EndpointRecord(app, app + "-" + slot, plan.digest(),
                                "127.0.0.1", 20_000 + slot, EndpointState.READY), ++counters[index.get(on)]));
                    });
                }
            });
        }
        for (String e : edges) {
            c.nodes.get(e).store().addListener(r -> {
                if (r.key().kind() == RecordKind.ENDPOINT && !r.key().name().endsWith("-0") && !r.key().name().endsWith("-1")) {
                    routedAt.computeIfAbsent(r.key().name(), k -> new HashSet<>()).add(e);
                    if (routedAt.get(r.key().name()).size() == edges.size() && routedEverywhere.add(r.key().name())) {
                        long at = c.now() - t0[0];
                        if (t[4] < 0) {
                            t[4] = at;
                        }
                        t[5] = at;
                    }
                }
            });
        }
        c.loop.runUntil(START + 20_000); // warm-up: records everywhere, steady decisions under the SLO
        if (Autoscaler.latest(new ClusterView(edges.get(0), c.now(), members, c.nodes.get(edges.get(0)).store().all()), app)
                .map(ScaleDecision::desired).orElse(-1) != 2) {
            throw new IllegalStateException("before the load the desired count should be 2");
        }
        long msgs0 = c.net.messages();
        long bytes0 = c.net.bytes();
        long from = c.now();
        t0[0] = from + rnd.nextLong(TELEMETRY_MS); // the load step lands anywhere in an edge's telemetry period
        c.loop.later(t0[0] - from, () -> p99[0] = 700);
        int wanted = slotNode.size() - 2;
        c.loop.runUntil(from + 60_000, () -> routedEverywhere.size() == wanted);
        double seconds = (c.now() - from) / 1000.0;
        int scaleRecords = (int) c.nodes.get(edges.get(0)).store().all().stream().filter(r -> r.key().kind() == RecordKind.SCALE).count();
        return new ScaleOut(nodes, seed, startMs, passMs, t[0], t[1], t[2], t[3], t[4], routedEverywhere.size() == wanted ? t[5] : -1,
                newInstances[0], scaleRecords, publishers[0], (c.net.messages() - msgs0) / (ids.size() * seconds),
                (c.net.bytes() - bytes0) / (ids.size() * seconds));
    }

    /** Slot -> node for {@code count} instances of {@code plan} on {@code nodes} agents, by the placement function. */
    static Map<Integer, String> placements(int nodes, Plan plan, Budget budget, int count) {
        List<ClusterMember> members = new ArrayList<>();
        List<FabricRecord> records = new ArrayList<>();
        long counter = 0;
        for (int n = 0; n < nodes; n++) {
            String id = agent(n);
            members.add(new ClusterMember(id, Role.AGENT, "127.0.0.1", 1, 2, MemberStatus.ALIVE, 0, false));
            records.add(node(RecordKind.NODE, id, "", new NodeInfo(id, Role.AGENT, Map.of(), "http://" + id + ":7070", ""), ++counter));
            records.add(node(RecordKind.CAPACITY, id, "", new Capacity(2_000, 2_000, 4_096, 4_096), ++counter));
        }
        records.add(OperatorRecords.sign(OPERATOR, plan.withInstances(count), plan.app(), 1, 1));
        records.add(OperatorRecords.sign(OPERATOR, budget, plan.app(), 1, 2));
        Map<Integer, String> out = new TreeMap<>();
        for (Map.Entry<SlotId, String> e : SlotPlacement.place(new ClusterView("console", START, members, records))
                .placement().assignments().entrySet()) {
            out.put(e.getKey().index(), e.getValue());
        }
        if (out.size() != count) {
            throw new IllegalStateException("placed " + out.size() + " of " + count);
        }
        return out;
    }

    // ---------------------------------------------------------------- report

    public static void main(String[] args) {
        int nodes = args.length > 0 ? Integer.parseInt(args[0]) : 1_000;
        System.out.println(report(nodes, 5, 1_500, 6_000));
    }

    static String report(int nodes, int seeds, long startMs, long meterMs) {
        StringBuilder out = new StringBuilder();
        out.append(String.format("nodes %d, JVM %s, processors %d, load average %.2f%n%n", nodes, Runtime.version(),
                Runtime.getRuntime().availableProcessors(), java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage()));
        out.append("| decisions of one agent (median wall ms) | records | scale records | view | autoscaler, every app | accounts | placement | placed |\n|---|---:|---:|---:|---:|---:|---:|---:|\n");
        ClusterView fresh = syntheticView(nodes, 100, 20, Autoscaler.PUBLISHERS);
        double settledMs = 0;
        for (String what : List.of("no instance yet (every slot scored)", "every slot running (settled)")) {
            ClusterView v = what.startsWith("every") ? withInstancesRunning(fresh) : fresh;
            DecisionTimes d = decisionTimes(v, 7);
            settledMs = d.placementMs();
            out.append(String.format("| %d apps x 20, %d publishers per app, %s | %d | %d | %.1f | %.1f | %.1f | %.1f | %d |%n", d.apps(),
                    Autoscaler.PUBLISHERS, what, d.records(), d.scaleRecords(), d.viewMs(), d.autoscaleAllAppsMs(), d.accountsMs(), d.placementMs(), d.placed()));
        }
        DecisionTimes every = decisionTimes(syntheticView(nodes, 100, 20, nodes), 7);
        out.append(String.format("| %d apps x 20, %d publishers per app, no instance yet | %d | %d | %.1f | %.1f | %.1f | %.1f | %d |%n", every.apps(),
                nodes, every.records(), every.scaleRecords(), every.viewMs(), every.autoscaleAllAppsMs(), every.accountsMs(), every.placementMs(), every.placed()));
        // A node sees the decision while a pass may be running: it places the new slot at the end of the next one.
        long passMs = (long) Math.ceil(2 * settledMs);
        out.append("\n| usage convergence after the last count | p50 ms | p99 ms | max ms | overcounts | views checked by Spend | msgs/node/s | bytes/node/s |\n|---|---:|---:|---:|---:|---:|---:|---:|\n");
        for (boolean partition : new boolean[] {false, true}) {
            Convergence v = usageConvergence(nodes, meterMs, partition, 50, 7);
            out.append(String.format("| %s, metering %d s | %d | %d | %d | %d | %d | %.1f | %.0f |%n", partition ? "halves partitioned for the second half, healed at the last count"
                    : "no partition", meterMs / 1000, v.convergedP50Ms(), v.convergedP99Ms(), v.convergedMaxMs(), v.overcounts(), v.checkedViews(),
                    v.msgsPerNodePerS(), v.bytesPerNodePerS()));
        }
        out.append("\n| p99 over SLO at t0 (seed) | telemetry | decision | node sees it | first Ready | first routed | last routed | of which the workload's start | and two placement passes | scale records | msgs/node/s |\n|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (long seed = 1; seed <= seeds; seed++) {
            ScaleOut s = scaleOut(nodes, startMs, passMs, seed);
            out.append(String.format("| seed %d | %d | %d | %d | %d | %d | %d | %d | %d | %d | %.1f |%n", seed, s.telemetryMs(), s.decisionMs(),
                    s.seenByNodeMs(), s.firstReadyMs(), s.firstRoutedMs(), s.lastRoutedMs(), s.startMs(), s.passMs(), s.scaleRecords(), s.msgsPerNodePerS()));
        }
        return out.toString();
    }
}
