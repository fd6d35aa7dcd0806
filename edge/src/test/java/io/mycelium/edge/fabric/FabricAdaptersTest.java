package io.mycelium.edge.fabric;

import static org.assertj.core.api.Assertions.assertThat;

import io.mycelium.edge.EdgeConfig;
import io.mycelium.edge.EdgeServer;
import io.mycelium.spore.time.Clock;
import io.mycelium.edge.observe.AccessLog;
import io.mycelium.edge.route.AppEndpoints;
import io.mycelium.edge.route.Endpoint;
import io.mycelium.edge.testing.EchoBackend;
import io.mycelium.fabric.Fabric;
import io.mycelium.fabric.FabricConfig;
import io.mycelium.fabric.gossip.InMemoryNetwork;
import io.mycelium.fabric.membership.InMemoryMembership;
import io.mycelium.fabric.membership.MemberInfo;
import io.mycelium.fabric.metrics.FabricMetrics;
import io.mycelium.fabric.model.EndpointRecord;
import io.mycelium.fabric.model.RoutingReport;
import io.mycelium.fabric.model.EndpointState;
import io.mycelium.fabric.model.Plan;
import io.mycelium.fabric.model.Role;
import io.mycelium.fabric.model.RolloutCommand;
import io.mycelium.fabric.model.UpdateStrategy;
import io.mycelium.fabric.state.OperatorRecords;
import io.mycelium.fabric.time.EventLoop;
import io.mycelium.spore.digest.Digest;
import io.mycelium.spore.key.SigningKey;
import io.mycelium.spore.key.TrustStore;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The edge reading endpoints from, and publishing telemetry into, an in-memory fabric. */
class FabricAdaptersTest {

    private final EventLoop loop = new EventLoop(1_000_000);
    private final InMemoryNetwork net = new InMemoryNetwork(loop, 1, 0, 1, 3);
    private final InMemoryMembership.Registry registry = new InMemoryMembership.Registry(loop, net, 1_500);
    private final SigningKey operator = SigningKey.generate();
    private final TrustStore trust = TrustStore.of(operator.verifyingKey());
    private final Digest v1 = Digest.of("v1".getBytes(StandardCharsets.UTF_8));
    private final Digest v2 = Digest.of("v2".getBytes(StandardCharsets.UTF_8));
    private final List<AutoCloseable> closeables = new ArrayList<>();

    private Fabric node(String id, Role role) {
        FabricConfig c = FabricConfig.builder("sim", id, role, "127.0.0.1", 7946).build();
        InMemoryMembership m = registry.member(new MemberInfo("sim", id, role, c.host(), 7946, 8080));
        Fabric f = new Fabric(c, m, loop, trust, new FabricMetrics());
        f.start();
        return f;
    }

    private void settle() {
        loop.runUntil(loop.now() + 3_000);
    }

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable c : closeables.reversed()) {
            c.close();
        }
    }

    @Test
    void edgeRoutesToEndpointsPublishedByAnAgentAndFollowsDraining() throws Exception {
        EchoBackend backend = new EchoBackend("web-0");
        closeables.add(backend);
        Fabric edgeNode = node("edge", Role.EDGE);
        Fabric agent = node("agent", Role.AGENT);
        settle();
        FabricEndpointDirectory directory = FabricEndpointDirectory.follow(edgeNode);
        List<String> changed = new ArrayList<>();
        directory.addListener(changed::add);
        EdgeServer edge = EdgeServer.start(EdgeConfig.builder().port(0).build(), directory,
                new FabricTelemetrySink(edgeNode), AccessLog.NONE, Clock.SYSTEM);
        closeables.add(edge);
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpRequest get = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + edge.port() + "/web/hello"))
                .timeout(Duration.ofSeconds(10)).build();

        assertThat(client.send(get, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(404);

        agent.publish(new EndpointRecord("web", "web-0", v1, "127.0.0.1", backend.port(), EndpointState.READY));
        settle();
        assertThat(changed).containsExactly("web");
        HttpResponse<String> ok = client.send(get, HttpResponse.BodyHandlers.ofString());
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(ok.body()).contains("backend=web-0").contains("uri=/hello");

        agent.publish(new EndpointRecord("web", "web-0", v1, "127.0.0.1", backend.port(), EndpointState.DRAINING));
        settle();
        HttpResponse<String> draining = client.send(get, HttpResponse.BodyHandlers.ofString());
        assertThat(draining.statusCode()).isEqualTo(503);
        assertThat(draining.body()).contains("\"app\":\"web\"");

        // the edge's latency goes into the fabric as this node's telemetry
        edge.publishTelemetryNow();
        settle();
        Map<String, Double> seen = agent.view().telemetry("edge").orElseThrow().metrics();
        assertThat(seen).containsKeys("p99_ms.web", "p50_ms.web", "rps.web");
        assertThat(seen.get("p99_ms.web")).isPositive();
    }

    @Test
    void endpointsOfADeadMemberDropOut() {
        Fabric edgeNode = node("edge", Role.EDGE);
        Fabric agent = node("agent", Role.AGENT);
        settle();
        FabricEndpointDirectory directory = FabricEndpointDirectory.follow(edgeNode);
        agent.publish(new EndpointRecord("web", "web-0", v1, "127.0.0.1", 9000, EndpointState.READY));
        settle();
        assertThat(directory.app("web").orElseThrow().routable()).hasSize(1);
        AppEndpoints before = directory.app("web").orElseThrow();
        directory.refresh();
        assertThat(directory.app("web").orElseThrow()).isSameAs(before);
        agent.close();
        loop.runUntil(loop.now() + 10_000);
        assertThat(directory.app("web").map(AppEndpoints::routable).orElse(List.of())).isEmpty();
    }

    @Test
    void theSplitFollowsThePlanWhenNoRolloutIsStarted() {
        Fabric edgeNode = node("edge", Role.EDGE);
        Fabric agent = node("agent", Role.AGENT);
        settle();
        FabricEndpointDirectory directory = FabricEndpointDirectory.follow(edgeNode);
        agent.publish(new EndpointRecord("web", "old", v1, "127.0.0.1", 9001, EndpointState.READY));
        agent.publish(new EndpointRecord("web", "new", v2, "127.0.0.1", 9002, EndpointState.READY));
        settle();
        assertThat(ids(directory)).containsExactly("new", "old");
        assertThat(directory.decision("web")).isEmpty();

        // surge: the planned revision takes traffic once it has a Ready endpoint
        edgeNode.submit(OperatorRecords.sign(operator, Plan.of("web", v2, 1), "web", 1, edgeNode.hlcNow()));
        settle();
        assertThat(ids(directory)).containsExactly("new");
        assertThat(directory.decision("web").orElseThrow().split().weights()).containsOnlyKeys(v2);
        // the routing report: the split, and what is still in flight to the revision it no longer routes
        RoutingReport report = RoutingReports.of("web", directory.decision("web").orElseThrow(),
                Map.of(v1.toString(), 3L, v2.toString(), 5L, "not-a-digest", 1L), Map.of());
        assertThat(report.weights()).containsOnlyKeys(v2);
        assertThat(report.inFlight()).containsExactly(Map.entry(v1, 3L));

        // a blue/green plan without a started rollout: the plan's revision, as it is
        Plan blueGreen = new Plan("web", v2, 1, 0, 0, Map.of(), Map.of(), null, Map.of(),
                new UpdateStrategy(UpdateStrategy.Kind.BLUE_GREEN, 1, 0));
        edgeNode.submit(OperatorRecords.sign(operator, blueGreen, "web", 2, edgeNode.hlcNow()));
        settle();
        assertThat(ids(directory)).containsExactly("new");
        assertThat(directory.decision("web").orElseThrow().state().reason()).contains("no rollout was started");
    }

    @Test
    void aPlanWithoutReadyPlannedEndpointsKeepsEveryReadyOne() {
        Fabric edgeNode = node("edge", Role.EDGE);
        Fabric agent = node("agent", Role.AGENT);
        settle();
        FabricEndpointDirectory directory = FabricEndpointDirectory.follow(edgeNode);
        agent.publish(new EndpointRecord("web", "old", v1, "h", 9001, EndpointState.READY));
        agent.publish(new EndpointRecord("web", "new", v2, "h", 9002, EndpointState.DRAINING));
        edgeNode.submit(OperatorRecords.sign(operator, Plan.of("web", v2, 1), "web", 1, edgeNode.hlcNow()));
        settle();
        assertThat(ids(directory)).containsExactly("old");
    }

    private static List<String> ids(FabricEndpointDirectory d) {
        return d.app("web").orElseThrow().routable().stream().map(Endpoint::id).sorted().toList();
    }
}
