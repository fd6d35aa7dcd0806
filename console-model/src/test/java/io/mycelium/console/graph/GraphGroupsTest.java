package io.mycelium.console.graph;

import static org.assertj.core.api.Assertions.assertThat;

import io.mycelium.console.events.AuditEvent.Trust;
import io.mycelium.console.graph.GraphGroups.By;
import io.mycelium.console.graph.GraphGroups.Group;
import io.mycelium.console.model.ClusterSession;
import io.mycelium.console.model.ClusterSnapshot;
import io.mycelium.console.model.ConsoleModel;
import io.mycelium.console.source.InMemorySource;
import io.mycelium.console.source.SimulatedCluster;
import io.mycelium.fabric.model.InstanceState;
import io.mycelium.spore.key.SigningKey;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class GraphGroupsTest {
    private final SigningKey key = SigningKey.generate();

    private ClusterSnapshot snapshot(int agents, boolean trusted, java.util.function.Consumer<SimulatedCluster> fill) {
        InMemorySource source = new InMemorySource("lab", () -> 1_000_000L, key);
        fill.accept(new SimulatedCluster(source, key, agents));
        ConsoleModel model = new ConsoleModel(List.of(new ClusterSession(source,
                trusted ? Optional.of(io.mycelium.spore.key.TrustStore.of(key.verifyingKey())) : Optional.empty())), false, () -> 1_000_000L);
        model.refresh();
        return model.current().snapshot();
    }

    @Test
    void groupsByNodeOrAppOnAStableGridInNameOrder() {
        ClusterSnapshot s = snapshot(4, true, c -> c.app("billing", "billing-v1", 4).app("search", "search-v1", 2));
        GraphGroups byNode = GraphGroups.of(MyceliumGraph.of(s), By.NODE, 300);
        assertThat(byNode.columns()).isEqualTo(2);
        assertThat(byNode.groups()).extracting(g -> g.name() + "@" + g.column() + "," + g.row() + ":" + g.hyphae().size())
                .containsExactly("agent-1@0,0:2", "agent-2@1,0:2", "agent-3@0,1:1", "agent-4@1,1:1");
        GraphGroups byApp = GraphGroups.of(MyceliumGraph.of(s), By.APP, 300);
        assertThat(byApp.groups()).extracting(g -> g.name() + ":" + g.hyphae().size()).containsExactly("billing:4", "search:2");
        assertThat(byApp.simplified()).isFalse();
    }

    @Test
    void aBigGraphCollapsesHealthyGroupsAndKeepsFailingOnesWhole() {
        ClusterSnapshot s = snapshot(10, true, c -> c.app("billing", "billing-v1", 40)
                .instance("agent-3", "billing", 99, "billing-v1", InstanceState.FAILED, 3));
        GraphGroups g = GraphGroups.of(MyceliumGraph.of(s), By.NODE, 20);
        assertThat(g.simplified()).isTrue();
        assertThat(g.groups()).filteredOn(Group::collapsed).hasSize(9);
        Group failing = g.groups().stream().filter(x -> x.name().equals("agent-3")).findFirst().orElseThrow();
        assertThat(failing.collapsed()).isFalse();
        assertThat(failing.count(io.mycelium.console.view.Tone.BAD)).isEqualTo(1);
    }

    @Test
    void provenanceNamesThePlanSignerAndTheWeakestTrust() {
        ClusterSnapshot verified = snapshot(2, true, c -> c.app("billing", "billing-v1", 2));
        Map<String, Provenance> apps = Provenance.ofApps(verified.events());
        Provenance p = Provenance.of(List.of("billing"), apps);
        assertThat(p.trust()).isEqualTo(Trust.VERIFIED);
        assertThat(key.id().shortForm()).startsWith(p.signers());
        ClusterSnapshot unchecked = snapshot(2, false, c -> c.app("billing", "billing-v1", 2));
        assertThat(Provenance.of(List.of("billing", "nothing"), Provenance.ofApps(unchecked.events())).trust()).isEqualTo(Trust.UNCHECKED);
    }
}
