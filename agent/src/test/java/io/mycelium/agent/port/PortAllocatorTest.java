package io.mycelium.agent.port;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PortAllocatorTest {
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    /** A range of 8 ports that are free now, found by asking the kernel for one and checking its neighbours. */
    private static int freeRangeStart() throws IOException {
        for (int attempt = 0; attempt < 50; attempt++) {
            int base;
            try (ServerSocket s = new ServerSocket(0, 1, LOOPBACK)) {
                base = s.getLocalPort();
            }
            if (base > 65000) {
                continue;
            }
            boolean allFree = true;
            for (int p = base; p < base + 8; p++) {
                allFree &= PortAllocator.canBind(LOOPBACK, p);
            }
            if (allFree) {
                return base;
            }
        }
        throw new IllegalStateException("no 8 consecutive free ports found on loopback");
    }

    @Test
    void handsOutDistinctPortsUntilTheRangeIsExhausted() throws Exception {
        int first = freeRangeStart();
        PortAllocator ports = new PortAllocator(LOOPBACK, first, first + 3);
        Set<Integer> got = new HashSet<>();
        for (int i = 0; i < 4; i++) {
            got.add(ports.allocate());
        }
        assertThat(got).containsExactlyInAnyOrder(first, first + 1, first + 2, first + 3);
        assertThatThrownBy(ports::allocate).isInstanceOf(PortInUseException.class)
                .hasMessageContaining("no free port in " + first + "-" + (first + 3) + " on 127.0.0.1");
        ports.release(first + 2);
        assertThat(ports.allocate()).isEqualTo(first + 2);
    }

    @Test
    void skipsPortsAnotherProcessListensOn() throws Exception {
        int first = freeRangeStart();
        try (ServerSocket busy = new ServerSocket()) {
            busy.bind(new InetSocketAddress(LOOPBACK, first));
            PortAllocator ports = new PortAllocator(LOOPBACK, first, first + 7);
            assertThat(ports.allocate()).isEqualTo(first + 1);
            assertThat(PortAllocator.canBind(LOOPBACK, first)).isFalse();
        }
    }

    @Test
    void reservingATakenPortSaysWhoHasIt() throws Exception {
        int first = freeRangeStart();
        PortAllocator ports = new PortAllocator(LOOPBACK, first, first + 7);
        try (ServerSocket busy = new ServerSocket()) {
            busy.bind(new InetSocketAddress(LOOPBACK, first));
            assertThatThrownBy(() -> ports.reserve(first)).isInstanceOf(PortInUseException.class)
                    .hasMessage("port " + first + " on 127.0.0.1 is in use by another process; stop it or choose another port");
        }
        ports.reserve(first + 1);
        assertThatThrownBy(() -> ports.reserve(first + 1))
                .hasMessage("port " + (first + 1) + " on 127.0.0.1 is already given to another instance");
        ports.markHeld(first + 2);
        assertThat(ports.isAllocated(first + 2)).isTrue();
        assertThat(ports.allocate()).isNotIn(first + 1, first + 2);
    }

    @Test
    void rejectsNonsenseRanges() {
        assertThatThrownBy(() -> new PortAllocator(LOOPBACK, 10, 5)).hasMessageContaining("10-5");
        assertThatThrownBy(() -> new PortAllocator(LOOPBACK, 0, 5)).isInstanceOf(IllegalArgumentException.class);
    }
}
