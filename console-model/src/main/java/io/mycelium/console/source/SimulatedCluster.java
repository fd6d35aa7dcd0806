package io.mycelium.console.source;

import io.mycelium.fabric.membership.MemberStatus;
import io.mycelium.fabric.model.Capacity;
import io.mycelium.fabric.model.EndpointRecord;
import io.mycelium.fabric.model.InstanceRecord;
import io.mycelium.fabric.model.InstanceState;
import io.mycelium.fabric.model.NodeInfo;
import io.mycelium.fabric.model.Plan;
import io.mycelium.fabric.model.Role;
import io.mycelium.fabric.model.Telemetry;
import io.mycelium.spore.digest.Digest;
import io.mycelium.spore.key.SigningKey;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Fills an {@link InMemorySource} with a cluster of known shape: agents {@code agent-1..N}, one
 * edge, apps with signed plans and their instances spread over the agents, all READY and served.
 * For screen tests, the benchmark (100 agents, 1,000 instances) and demos.
 */
public final class SimulatedCluster {
    private final InMemorySource source;
    private final SigningKey operator;
    private final int agents;
    private final Map<String, Integer> revisions = new HashMap<>();
    private int placed;

    public SimulatedCluster(InMemorySource source, SigningKey operator, int agents) {
        this.source = Objects.requireNonNull(source, "source");
        this.operator = Objects.requireNonNull(operator, "operator");
        this.agents = agents;
        for (int i = 1; i <= agents; i++) {
            String id = agent(i);
            source.member(id, Role.AGENT, MemberStatus.ALIVE)
                    .publish(id, new NodeInfo(id, Role.AGENT, Map.of("zone", "z" + (i % 3)), "http://127.0.0.1:" + (7070 + i), "0.1.0"))
                    .publish(id, new Capacity(4000, 4000, 8192, 8192));
        }
        source.member("edge", Role.EDGE, MemberStatus.ALIVE)
                .publish("edge", new NodeInfo("edge", Role.EDGE, Map.of(), "", "0.1.0"));
    }

    public static String agent(int i) {
        return "agent-" + i;
    }

    /** A stable fake digest for a name, e.g. {@code digest("billing-v1")}. */
    public static Digest digest(String name) {
        return Digest.of(name.getBytes(StandardCharsets.UTF_8));
    }

    public InMemorySource source() {
        return source;
    }

    /** Signs and adds a plan of {@code instances} x {@code revision}, and starts them all READY. */
    public SimulatedCluster app(String app, String revision, int instances) {
        Plan plan = Plan.of(app, digest(revision), instances).withNutrients(250, 128);
        return plan(plan).run(app, revision, instances);
    }

    /** Signs and adds a plan as it is (no instances started). */
    public SimulatedCluster plan(Plan plan) {
        int rev = revisions.merge(plan.app(), 1, Integer::sum);
        source.put(io.mycelium.fabric.state.OperatorRecords.sign(operator, plan, plan.app(), rev, rev));
        return this;
    }

    /** Starts {@code instances} READY instances of {@code app} at {@code revision}, round-robin over the agents. */
    public SimulatedCluster run(String app, String revision, int instances) {
        for (int slot = 0; slot < instances; slot++) {
            String node = agent(placed++ % agents + 1);
            instance(node, app, slot, revision, InstanceState.READY, 0);
        }
        return this;
    }

    /** Publishes one instance, id {@code APP-SLOT-SUFFIX} ({@code billing-0-v1}), and its endpoint while READY. */
    public SimulatedCluster instance(String node, String app, int slot, String revision, InstanceState state, int restarts) {
        String id = app + "-" + slot + "-" + revision.substring(revision.lastIndexOf('-') + 1);
        source.publish(node, new InstanceRecord(id, app, slot, digest(revision), state, restarts,
                state == InstanceState.FAILED ? "exited with 1" : ""));
        if (state == InstanceState.READY) {
            source.publish(node, new EndpointRecord(app, id, digest(revision), "127.0.0.1", 20_000 + slot, io.mycelium.fabric.model.EndpointState.READY));
        }
        return this;
    }

    /** What the edge reports of an app's traffic. */
    public SimulatedCluster traffic(Map<String, Double> rpsByApp, Map<String, Double> p99ByApp) {
        Map<String, Double> metrics = new HashMap<>();
        rpsByApp.forEach((app, v) -> metrics.put("rps." + app, v));
        p99ByApp.forEach((app, v) -> metrics.put("p99_ms." + app, v));
        source.publish("edge", new Telemetry(metrics));
        return this;
    }

    /** What {@code node}'s hyphae router reports of its workloads' calls to other apps (requests/s by app). */
    public SimulatedCluster calls(String node, Map<String, Double> rpsByApp) {
        Map<String, Double> metrics = new HashMap<>();
        rpsByApp.forEach((app, v) -> metrics.put(io.mycelium.console.model.CallRow.RPS + app, v));
        source.publish(node, new Telemetry(metrics));
        return this;
    }
}
