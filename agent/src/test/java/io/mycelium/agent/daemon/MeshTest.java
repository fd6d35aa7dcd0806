package io.mycelium.agent.daemon;

import io.mycelium.fabric.ClusterView;
import io.mycelium.fabric.model.EndpointRecord;
import io.mycelium.fabric.model.EndpointState;
import io.mycelium.fabric.model.InstanceRecord;
import io.mycelium.fabric.model.InstanceState;
import io.mycelium.fabric.model.Plan;
import io.mycelium.spore.manifest.Manifest;
import io.mycelium.spore.manifest.RuntimeSpec;
import io.mycelium.spore.pack.PackedSpore;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Three agents in one JVM on loopback (static seeds), running the example greeter spore (a Python
 * script): a plan becomes Ready instances with published endpoints, a digest change updates every
 * slot make-before-break with no failed request, and the agents agree on placement.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MeshTest {
    private TestMesh mesh;
    private List<Agent> agents;
    private PackedSpore v1;
    private PackedSpore v2;

    @BeforeAll
    void startMesh() throws Exception {
        mesh = new TestMesh();
        agents = mesh.startAgents(3);
        v1 = mesh.greeter(m -> m);
        v2 = mesh.greeter(m -> withVersion(m, "2.0.0"));
        agents.get(0).library().repo().put(v1.path());
        agents.get(1).library().repo().put(v2.path());
        await().atMost(Duration.ofSeconds(30)).until(() -> agents.stream().allMatch(a ->
                a.fabric().view().liveMembers().size() == 3 && a.ready()));
    }

    static Manifest withVersion(Manifest m, String version) {
        RuntimeSpec r = m.runtime();
        Map<String, String> env = new TreeMap<>(r.env());
        env.put("APP_VERSION", version);
        return m.withFiles(List.of(), null, new RuntimeSpec(r.kind(), r.command(), r.args(), env, r.extra()));
    }

    @AfterAll
    void stopMesh() throws Exception {
        if (mesh != null) {
            mesh.close();
        }
    }

    private Plan greeterPlan(PackedSpore spore, int n) {
        return Plan.of("greeter", spore.digest(), n).withNutrients(100, 32);
    }

    private static List<EndpointRecord> ready(Agent a, String app) {
        return a.fabric().view().readyEndpoints(app);
    }

    @Test
    @Order(1)
    void planWithTwoInstancesBecomesReadyOnTwoNodesWithEndpoints() {
        assertThat(mesh.apply(agents.get(2), greeterPlan(v1, 2)).accepted()).isTrue();
        await().atMost(Duration.ofSeconds(60)).until(() -> ready(agents.get(2), "greeter").size() == 2);
        List<EndpointRecord> eps = ready(agents.get(2), "greeter");
        assertThat(eps).allMatch(e -> e.digest().equals(v1.digest()));
        for (EndpointRecord e : eps) {
            assertThat(mesh.get("http://" + e.host() + ":" + e.port() + "/hello")).isEqualTo(200);
        }
        ClusterView view = agents.get(0).fabric().view();
        Set<String> nodes = view.instances("greeter").keySet();
        assertThat(nodes).as("spread over two nodes").hasSize(2);
        // every agent computes the same placement from the same view
        await().atMost(Duration.ofSeconds(10)).until(() -> agents.stream()
                .map(a -> a.reconciler().placement().assignments()).distinct().count() == 1);
        // the spore was fetched from the holder by the agents that lacked it
        long fetched = agents.stream().mapToLong(a -> TestMesh.okFetches(a)).sum();
        assertThat(fetched).isGreaterThanOrEqualTo(1);
    }

    @Test
    @Order(2)
    void changingTheDigestReplacesEverySlotMakeBeforeBreakWithNoFailedRequest() throws Exception {
        await().atMost(Duration.ofSeconds(60)).until(() -> ready(agents.get(2), "greeter").size() == 2);
        AtomicBoolean polling = new AtomicBoolean(true);
        AtomicInteger ok = new AtomicInteger();
        java.util.List<String> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
        Thread poller = new Thread(() -> {
            while (polling.get()) {
                for (EndpointRecord e : ready(agents.get(2), "greeter")) {
                    int status = mesh.get("http://" + e.host() + ":" + e.port() + "/hello");
                    if (status == 200) {
                        ok.incrementAndGet();
                    } else {
                        failures.add(e.instanceId() + " -> " + status);
                    }
                }
                java.util.concurrent.locks.LockSupport.parkNanos(20_000_000);
            }
        }, "update-poller");
        poller.start();
        try {
            assertThat(mesh.apply(agents.get(0), greeterPlan(v2, 2)).accepted()).isTrue();
            await().atMost(Duration.ofSeconds(90)).until(() -> {
                ClusterView v = agents.get(2).fabric().view();
                List<EndpointRecord> eps = v.readyEndpoints("greeter");
                boolean oldGone = v.instances("greeter").values().stream().flatMap(List::stream)
                        .noneMatch(i -> i.digest().equals(v1.digest()) && i.state() != InstanceState.STOPPED);
                return eps.size() == 2 && eps.stream().allMatch(e -> e.digest().equals(v2.digest())) && oldGone;
            });
        } finally {
            polling.set(false);
            poller.join(10_000);
        }
        assertThat(failures).as("requests that failed during the update").isEmpty();
        assertThat(ok.get()).isGreaterThan(20);
        for (EndpointRecord e : ready(agents.get(2), "greeter")) {
            assertThat(mesh.getBody("http://" + e.host() + ":" + e.port() + "/hello")).contains("2.0.0");
        }
    }

    @Test
    @Order(3)
    void eachInstanceRecordSaysWhichSlotItHoldsAndNoSlotRunsTwice() {
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            ClusterView v = agents.get(1).fabric().view();
            List<InstanceRecord> active = v.instances("greeter").values().stream().flatMap(List::stream)
                    .filter(i -> i.state().active()).toList();
            return active.size() == 2 && active.stream().map(InstanceRecord::slot).collect(Collectors.toSet()).equals(Set.of(0, 1));
        });
    }

    /**
     * An endpoint and an instance record under this node's id that no instance of the agent stands
     * behind (what an earlier agent with the same node id leaves after an interrupted mesh up) are
     * withdrawn by the agent's next pass, so the edge never routes to a port where nothing runs.
     */
    @Test
    @Order(4)
    void recordsOfThisNodeWithNoInstanceBehindThemAreWithdrawn() {
        Agent a = agents.get(1);
        String node = a.config().nodeId();
        a.fabric().publish(new EndpointRecord("greeter", "greeter-9-ghost", v2.digest(), "127.0.0.1", 1, EndpointState.READY));
        a.fabric().publish(new InstanceRecord("greeter-9-ghost", "greeter", 9, v2.digest(), InstanceState.READY, 0, "left by an earlier run", 1));
        await().atMost(Duration.ofSeconds(30)).until(() -> agents.get(2).fabric().view().readyEndpoints("greeter").stream()
                .noneMatch(e -> e.instanceId().equals("greeter-9-ghost")));
        await().atMost(Duration.ofSeconds(30)).until(() -> a.fabric().view().instancesOn(node).stream()
                .noneMatch(i -> i.instanceId().equals("greeter-9-ghost")));
        assertThat(ready(agents.get(2), "greeter")).hasSize(2).allMatch(e -> e.digest().equals(v2.digest()));
    }
}
