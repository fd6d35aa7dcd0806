package io.mycelium.console.graph;

import static org.assertj.core.api.Assertions.assertThat;

import io.mycelium.console.model.ClusterSession;
import io.mycelium.console.model.ConsoleModel;
import io.mycelium.console.source.InMemorySource;
import io.mycelium.console.source.SimulatedCluster;
import io.mycelium.console.view.Tone;
import io.mycelium.fabric.model.InstanceState;
import io.mycelium.spore.key.SigningKey;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MyceliumGraphTest {
    @Test
    void agentsAreHubsWithTheirInstancesAndTheEdgeRoutesToServingHubs() {
        SigningKey key = SigningKey.generate();
        InMemorySource source = new InMemorySource("lab", () -> 1_000_000L, key);
        new SimulatedCluster(source, key, 3).app("billing", "billing-v1", 2)
                .instance("agent-3", "search", 0, "search-v1", InstanceState.FAILED, 2);
        ConsoleModel model = new ConsoleModel(List.of(new ClusterSession(source, Optional.empty())), false, () -> 1_000_000L);
        model.refresh();
        MyceliumGraph g = MyceliumGraph.of(model.current().snapshot());
        assertThat(g.hubs()).extracting(MyceliumGraph.Hub::node).containsExactly("agent-1", "agent-2", "agent-3");
        assertThat(g.hubs().get(2).hyphae()).singleElement().satisfies(h -> assertThat(h.tone()).isEqualTo(Tone.BAD));
        assertThat(g.routers()).singleElement().satisfies(r -> {
            assertThat(r.hubs()).containsExactly("agent-1", "agent-2");
            assertThat(r.apps()).containsExactly("billing");
        });
        MyceliumGraph.Layout layout = g.layout(2);
        assertThat(layout.rows()).isEqualTo(3);
        assertThat(layout.cells()).extracting(c -> c.node() + "@" + c.column() + "," + c.row())
                .containsExactly("edge@0,0", "agent-1@0,1", "agent-2@1,1", "agent-3@0,2");
    }
}
