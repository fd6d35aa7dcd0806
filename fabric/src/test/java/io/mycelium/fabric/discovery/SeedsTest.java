package io.mycelium.fabric.discovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

class SeedsTest {
    @Test
    void hostPortAndBracketedV6SeedsParseAndBadOnesAreNamed() {
        assertThat(Seeds.parse(List.of("127.0.0.1:7946", "[::1]:7950")))
                .containsExactly(new InetSocketAddress("127.0.0.1", 7946), new InetSocketAddress("::1", 7950));
        assertThat(Seeds.parse(List.of())).isEmpty();
        assertThatThrownBy(() -> Seeds.parse(List.of("lab-node-1"))).hasMessage("join seed 'lab-node-1' must be host:port");
        assertThatThrownBy(() -> Seeds.parse(List.of(":7946"))).hasMessageContaining("must be host:port");
        assertThatThrownBy(() -> Seeds.parse(List.of("h:x"))).hasMessage("join seed 'h:x': port 'x' is not a number");
    }
}
