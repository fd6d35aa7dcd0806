package io.mycelium.edge.route;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class InMemoryEndpointDirectoryTest {

    @Test
    void notifiesListenersAndKeepsSnapshotsStable() {
        InMemoryEndpointDirectory d = new InMemoryEndpointDirectory();
        List<String> changed = new ArrayList<>();
        d.addListener(changed::add);
        Endpoint e = Endpoint.ready("e1", "127.0.0.1", 9000, "r1");
        d.put("app", List.of(e));
        AppEndpoints first = d.app("app").orElseThrow();
        assertThat(d.app("app").orElseThrow()).isSameAs(first);
        d.update("app", e.withState(Endpoint.State.DRAINING));
        assertThat(d.app("app").orElseThrow().routable()).isEmpty();
        d.remove("app");
        assertThat(d.app("app")).isEmpty();
        assertThat(changed).containsExactly("app", "app", "app");
    }

    @Test
    void routableKeepsReadyEndpointsOfTheActiveRevision() {
        Endpoint a = Endpoint.ready("a", "h", 1, "r1");
        Endpoint b = Endpoint.ready("b", "h", 2, "r2");
        Endpoint c = new Endpoint("c", "h", 3, Endpoint.State.DRAINING, "r2");
        assertThat(new AppEndpoints("x", RevisionSplit.only("r2"), List.of(a, b, c)).routable()).containsExactly(b);
        assertThat(new AppEndpoints("x", List.of(a, b, c)).routable()).containsExactly(a, b);
        assertThat(new AppEndpoints("x", new RevisionSplit(new java.util.TreeMap<>(java.util.Map.of("r1", 1)), "r2"), List.of(a, b, c)).routable())
                .containsExactly(a, b);
    }

    @Test
    void endpointsAreValidated() {
        assertThatThrownBy(() -> Endpoint.ready("e", "h", 0, "r")).hasMessageContaining("port 0");
        assertThatThrownBy(() -> Endpoint.ready("e", " ", 80, "r")).hasMessageContaining("host is blank");
        assertThat(Endpoint.ready("e", "::1", 80, "r").authority()).isEqualTo("[::1]:80");
    }
}
