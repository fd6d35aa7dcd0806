package io.mycelium.client.member;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.mycelium.fabric.ClusterMember;
import io.mycelium.fabric.Fabric;
import io.mycelium.fabric.FabricChange;
import io.mycelium.fabric.FabricConfig;
import io.mycelium.fabric.SubmitResult;
import io.mycelium.fabric.gossip.InMemoryNetwork;
import io.mycelium.fabric.membership.InMemoryMembership;
import io.mycelium.fabric.membership.MemberInfo;
import io.mycelium.fabric.metrics.FabricMetrics;
import io.mycelium.fabric.model.Capacity;
import io.mycelium.fabric.model.Plan;
import io.mycelium.fabric.model.RecordKind;
import io.mycelium.fabric.model.Role;
import io.mycelium.fabric.time.EventLoop;
import io.mycelium.fabric.wire.Keyring;
import io.mycelium.spore.digest.Digest;
import io.mycelium.spore.key.SigningKey;
import io.mycelium.spore.key.TrustStore;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class ConsoleMemberTest {
    private final SigningKey operator = SigningKey.generate();
    private final TrustStore trust = TrustStore.of(operator.verifyingKey());
    private final Digest v1 = Digest.of("v1".getBytes(StandardCharsets.UTF_8));

    /** Agents and a console on the fabric's simulated network under its fake clock. */
    private final class Sim {
        final EventLoop loop = new EventLoop(1_000_000);
        final InMemoryMembership.Registry registry = new InMemoryMembership.Registry(loop, new InMemoryNetwork(loop, 1, 0, 1, 3), 1_500);

        Fabric member(String id, Role role) {
            FabricConfig c = FabricConfig.builder("sim", id, role, "10.0.0." + (id.length() + 1), 7946).build();
            Fabric f = new Fabric(c, registry.member(new MemberInfo("sim", id, role, c.host(), 7946, 0)), loop, trust, new FabricMetrics());
            f.start();
            return f;
        }

        void run(long ms) {
            loop.runUntil(loop.now() + ms);
        }
    }

    @Test
    void seesTheAgentsAndTheirRecordsHearsChangesAndSubmitsSignedPlansThatReachTheAgents() throws Exception {
        Sim sim = new Sim();
        List<Fabric> agents = List.of(sim.member("a", Role.AGENT), sim.member("b", Role.AGENT));
        try (ConsoleMember console = ConsoleMember.over(sim.member("console-1", Role.CONSOLE))) {
            List<FabricChange> heard = new CopyOnWriteArrayList<>();
            AutoCloseable subscription = console.onChange(heard::add);
            sim.run(3_000);
            assertThat(console.view().liveMembers()).extracting(ClusterMember::id).containsExactlyInAnyOrder("a", "b", "console-1");
            assertThat(console.view().liveMembers(Role.CONSOLE)).extracting(ClusterMember::id).containsExactly("console-1");

            agents.get(1).publish(new Capacity(4000, 3000, 8192, 4096));
            sim.run(2_000);
            assertThat(console.view().capacity("b")).map(Capacity::memoryMbFree).contains(4096L);
            assertThat(heard).anySatisfy(c -> assertThat(c.record()).isNotNull()
                    .satisfies(r -> assertThat(r.key().kind()).isEqualTo(RecordKind.CAPACITY)));

            SubmitResult first = console.submit(operator, Plan.of("web", v1, 2), "web");
            SubmitResult second = console.submit(operator, Plan.of("web", v1, 3), "web");
            assertThat(first.accepted()).isTrue();
            assertThat(second.accepted()).isTrue();
            sim.run(2_000);
            for (Fabric agent : agents) {
                assertThat(agent.view().plan("web")).map(Plan::instances).contains(3);
                assertThat(agent.view().planRevision("web")).isEqualTo(2);
            }

            subscription.close();
            int before = heard.size();
            agents.get(0).publish(new Capacity(1000, 1000, 1024, 1024));
            sim.run(2_000);
            assertThat(heard).hasSize(before);
        } finally {
            agents.forEach(Fabric::close);
        }
    }

    @Test
    void aPlanSignedByAnUntrustedKeyIsRefusedAtTheConsole() {
        Sim sim = new Sim();
        try (ConsoleMember console = ConsoleMember.over(sim.member("console-1", Role.CONSOLE))) {
            SubmitResult r = console.submit(SigningKey.generate(), Plan.of("web", v1, 1), "web");
            assertThat(r.accepted()).isFalse();
            assertThat(r.reason()).contains("untrusted");
        }
    }

    @Test
    void refusesAFabricOfAnotherRoleAndOptionsWithNoWayToFindTheCluster() {
        Sim sim = new Sim();
        Fabric agent = sim.member("a", Role.AGENT);
        try {
            assertThatThrownBy(() -> ConsoleMember.over(agent)).hasMessageContaining("must have role console");
        } finally {
            agent.close();
        }
        Keyring ring = Keyring.of(Keyring.ClusterKey.of("k1", Keyring.newKeyBytes()));
        assertThatThrownBy(() -> new ConsoleMember.Options("c", "console-1", ring, trust, "127.0.0.1", 0, List.of(), null))
                .hasMessageContaining("give seeds or an mDNS interface");
    }

    @Test
    void joinsOverLoopbackWithTheClusterKeyAndAStrangerKeyDoesNot() {
        Keyring ring = Keyring.of(Keyring.ClusterKey.of("k1", Keyring.newKeyBytes()));
        Keyring stranger = Keyring.of(Keyring.ClusterKey.of("k1", Keyring.newKeyBytes()));
        List<ConsoleMember> started = new ArrayList<>();
        try {
            ConsoleMember first = join(started, "console-a", ring, List.of(new InetSocketAddress("127.0.0.1", 1)));
            InetSocketAddress seed = new InetSocketAddress("127.0.0.1", first.fabricPort());
            ConsoleMember second = join(started, "console-b", ring, List.of(seed));
            ConsoleMember outsider = join(started, "console-x", stranger, List.of(seed));
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                assertThat(first.view().liveMembers()).extracting(ClusterMember::id).containsExactlyInAnyOrder("console-a", "console-b");
                assertThat(second.view().liveMembers()).extracting(ClusterMember::id).containsExactlyInAnyOrder("console-a", "console-b");
            });
            assertThat(second.submit(operator, Plan.of("web", v1, 1), "web").accepted()).isTrue();
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(first.view().plan("web")).isPresent());
            assertThat(outsider.view().liveMembers()).extracting(ClusterMember::id).containsExactly("console-x");
            assertThat(outsider.view().plan("web")).isEmpty();
        } finally {
            started.forEach(ConsoleMember::close);
        }
    }

    @Test
    void findsTheClusterByMdnsOnLoopbackAloneAndGetsTheAgentsRecordsAsALeaf() throws Exception {
        Keyring ring = Keyring.of(Keyring.ClusterKey.of("k1", Keyring.newKeyBytes()));
        String cluster = "mdns-console-" + System.nanoTime();
        int port;
        try (java.net.ServerSocket free = new java.net.ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            port = free.getLocalPort();
        }
        FabricConfig ac = FabricConfig.builder(cluster, "agent-m", Role.AGENT, "127.0.0.1", port).build();
        io.mycelium.fabric.FabricNode agent = io.mycelium.fabric.FabricNode.start(
                new io.mycelium.fabric.FabricNode.Options(ac, ring, trust, List.of(), "127.0.0.1", null));
        ConsoleMember console = null;
        try {
            console = ConsoleMember.join(new ConsoleMember.Options(cluster, "console-m", ring, trust, "127.0.0.1", 0, List.of(), "127.0.0.1"));
            ConsoleMember c = console;
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                assertThat(c.view().liveMembers()).extracting(ClusterMember::id).containsExactlyInAnyOrder("agent-m", "console-m");
                assertThat(c.view().plan("web")).isEmpty();
            });
            assertThat(agent.fabric().submit(io.mycelium.fabric.state.OperatorRecords.sign(operator, Plan.of("web", v1, 1), "web", 1,
                    agent.fabric().hlcNow())).accepted()).isTrue();
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(c.view().plan("web")).isPresent());
        } finally {
            if (console != null) {
                console.close();
            }
            agent.close();
        }
    }

    private ConsoleMember join(List<ConsoleMember> started, String id, Keyring ring, List<InetSocketAddress> seeds) {
        ConsoleMember m = ConsoleMember.join(new ConsoleMember.Options("test", id, ring, trust, "127.0.0.1", 0, seeds, null));
        started.add(m);
        return m;
    }
}
