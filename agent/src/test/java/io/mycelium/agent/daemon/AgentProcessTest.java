package io.mycelium.agent.daemon;

import io.mycelium.fabric.ClusterView;
import io.mycelium.fabric.Fabric;
import io.mycelium.fabric.model.EndpointRecord;
import io.mycelium.fabric.model.InstanceRecord;
import io.mycelium.fabric.model.Plan;
import io.mycelium.fabric.state.OperatorRecords;
import io.mycelium.spore.pack.PackedSpore;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Three agents as separate processes on loopback: {@code kill -9} of one brings its slots back Ready
 * on the others; restarting it adopts the workloads it left running (same pid, not started again)
 * and the cluster settles on exactly one instance per slot.
 */
class AgentProcessTest {
    private static List<InstanceRecord> active(ClusterView v, String app) {
        return v.instances(app).values().stream().flatMap(List::stream).filter(i -> i.state().active()).toList();
    }

    @Test
    void killedAgentsSlotsComeBackElsewhereAndARestartAdoptsWithoutDuplicates() throws Exception {
        try (AgentProcesses cluster = new AgentProcesses(new TestMesh())) {
            TestMesh mesh = cluster.mesh;
            PackedSpore greeter = cluster.startThreeWithGreeter(Duration.ofSeconds(120));
            Fabric observer = cluster.observer.fabric();

            Plan plan = Plan.of("greeter", greeter.digest(), 2).withNutrients(100, 32);
            observer.submit(OperatorRecords.sign(mesh.operator, plan, "greeter", 1, observer.hlcNow()));
            await().atMost(Duration.ofSeconds(120)).until(() -> observer.view().readyEndpoints("greeter").size() == 2);

            // kill -9 the agent of one slot; its workload keeps running, unsupervised
            EndpointRecord victimEp = observer.view().readyEndpoints("greeter").get(0);
            String victim = observer.view().instances("greeter").entrySet().stream()
                    .filter(e -> e.getValue().stream().anyMatch(i -> i.instanceId().equals(victimEp.instanceId())))
                    .map(Map.Entry::getKey).findFirst().orElseThrow();
            cluster.rememberWorkloads(victim);
            long killedAt = System.nanoTime();
            cluster.processes.get(victim).destroyForcibly().waitFor();
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                ClusterView v = observer.view();
                List<EndpointRecord> eps = v.readyEndpoints("greeter");
                return !v.isLive(victim) && eps.size() == 2 && eps.stream().noneMatch(e -> e.instanceId().equals(victimEp.instanceId()));
            });
            Duration recovered = AgentProcesses.since(killedAt);
            System.out.println("kill -9 of " + victim + ": its slot Ready elsewhere after " + recovered.toMillis() + " ms");
            assertThat(observer.view().instances("greeter").keySet()).doesNotContain(victim);
            // the orphaned workload still answers on its old port (no agent stopped it)
            assertThat(mesh.get("http://" + victimEp.host() + ":" + victimEp.port() + "/hello")).isEqualTo(200);

            // restart it: the orphan is adopted (same instance id), and every slot ends with one instance
            cluster.start(victim);
            await().atMost(Duration.ofSeconds(120)).until(() -> observer.view().isLive(victim)
                    && observer.view().instancesOn(victim).stream().anyMatch(i -> i.instanceId().equals(victimEp.instanceId())
                    && i.message().contains("adoption")));
            await().atMost(Duration.ofSeconds(120)).until(() -> {
                ClusterView v = observer.view();
                List<InstanceRecord> act = active(v, "greeter");
                Set<Integer> slots = act.stream().map(InstanceRecord::slot).collect(Collectors.toSet());
                return act.size() == 2 && slots.equals(Set.of(0, 1)) && v.readyEndpoints("greeter").size() == 2;
            });
            for (EndpointRecord e : observer.view().readyEndpoints("greeter")) {
                assertThat(mesh.get("http://" + e.host() + ":" + e.port() + "/hello")).isEqualTo(200);
            }

            // drain everything before the agents stop (their workloads would otherwise outlive them)
            observer.submit(OperatorRecords.sign(mesh.operator, plan.withInstances(0), "greeter", 2, observer.hlcNow()));
            await().atMost(Duration.ofSeconds(120)).until(() -> active(observer.view(), "greeter").isEmpty()
                    && observer.view().readyEndpoints("greeter").isEmpty());
        }
    }
}
