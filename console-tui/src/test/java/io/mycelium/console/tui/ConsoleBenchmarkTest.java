package io.mycelium.console.tui;

import static org.assertj.core.api.Assertions.assertThat;

import io.mycelium.console.model.ClusterSession;
import io.mycelium.console.model.ConsoleModel;
import io.mycelium.console.source.InMemorySource;
import io.mycelium.console.source.SimulatedCluster;
import io.mycelium.fabric.model.InstanceState;
import io.mycelium.spore.key.SigningKey;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A simulated cluster of 100 agents and 1,000 instances fed to the model: time from a fabric
 * change to the screen showing it (model rebuild plus a delta redraw on a 160x45 virtual
 * terminal). Tagged benchmark: {@code ./mvnw -pl console-tui -am test -Dtest=ConsoleBenchmarkTest -Dsurefire.excludedGroups=}.
 */
@Tag("benchmark")
class ConsoleBenchmarkTest {
    @Test
    void changeToScreenOnAHundredAgentsAndAThousandInstances() throws Exception {
        SigningKey key = SigningKey.generate();
        InMemorySource source = new InMemorySource("big", System::currentTimeMillis, key);
        SimulatedCluster cluster = new SimulatedCluster(source, key, 100);
        for (int a = 0; a < 20; a++) {
            cluster.app("app" + a, "app" + a + "-v1", 50);
        }
        ConsoleModel model = new ConsoleModel(List.of(new ClusterSession(source, Optional.empty())), false, System::currentTimeMillis);
        VirtualScreen s = new VirtualScreen(model, 160, 45).started();
        s.type(":instances app0");
        s.console.press(new com.googlecode.lanterna.input.KeyStroke(com.googlecode.lanterna.input.KeyType.Enter));
        int n = 200;
        long[] nanos = new long[n];
        for (int i = 0; i < n; i++) {
            InstanceState state = i % 2 == 0 ? InstanceState.FAILED : InstanceState.READY;
            long t0 = System.nanoTime();
            cluster.instance("agent-1", "app0", 0, "app0-v1", state, i);
            s.console.draw();
            nanos[i] = System.nanoTime() - t0;
            assertThat(s.row(4)).contains(state.name());
        }
        Arrays.sort(nanos);
        System.out.printf("change to screen, 100 agents / 1000 instances: median %.1f ms, p99 %.1f ms, max %.1f ms%n",
                nanos[n / 2] / 1e6, nanos[n * 99 / 100] / 1e6, nanos[n - 1] / 1e6);
        assertThat(nanos[n * 99 / 100]).as("p99 change to screen, target 1 s").isLessThan(1_000_000_000L);
    }
}
