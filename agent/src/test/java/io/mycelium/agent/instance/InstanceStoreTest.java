package io.mycelium.agent.instance;

import io.mycelium.agent.cgroup.ResourceLimits;
import io.mycelium.agent.driver.LaunchSpec;
import io.mycelium.agent.driver.ProcessRef;
import io.mycelium.agent.health.HealthCheck;
import io.mycelium.agent.health.HealthPolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class InstanceStoreTest {
    @TempDir
    Path dir;

    static InstanceSpec spec(Path root, String id) {
        LaunchSpec launch = new LaunchSpec(id, "billing", "node-a", Path.of("/opt/spores/billing/bin/billing"),
                List.of("--mode", "fast lane"), Map.of("GREETING", "hi \"there\"", "EMPTY", ""), 20001,
                root.resolve("run").resolve(id), new ResourceLimits(250, 128), Path.of("/opt/spores/billing"));
        HealthPolicy health = new HealthPolicy(HealthCheck.http("/health", 204), Duration.ofSeconds(3), Duration.ofSeconds(2),
                Duration.ofMillis(25), Duration.ofMillis(700), 2, 4);
        RestartPolicy restart = new RestartPolicy(Duration.ofMillis(150), Duration.ofSeconds(9), 1.5, 0.25, 4, Duration.ofSeconds(90));
        return new InstanceSpec(launch, health, restart, Duration.ofMillis(1500));
    }

    @Test
    void roundTripsEveryField() throws IOException {
        InstanceStore store = new InstanceStore(dir.resolve("data"));
        List<PersistedInstance> saved = List.of(
                new PersistedInstance(spec(dir, "billing-1"), Optional.of(new ProcessRef(4321, 4321, 998877, Optional.of("billing-1"))), 2),
                new PersistedInstance(spec(dir, "billing-2"), Optional.empty(), 0),
                new PersistedInstance(spec(dir, "billing-3"), Optional.of(new ProcessRef(77, 77, 5, Optional.empty())), 1, true));
        store.save(saved);
        assertThat(store.load()).isEqualTo(saved);
        assertThat(new InstanceStore(dir.resolve("data")).load()).isEqualTo(saved);
    }

    @Test
    void aSaveReplacesTheFileWholeAndLeavesNoTempFile() throws IOException {
        InstanceStore store = new InstanceStore(dir);
        store.save(List.of(new PersistedInstance(spec(dir, "a-1"), Optional.empty(), 0)));
        store.save(List.of());
        assertThat(store.load()).isEmpty();
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("instances.json");
        }
    }

    @Test
    void nothingSavedYetIsEmpty() throws IOException {
        assertThat(new InstanceStore(dir.resolve("never")).load()).isEmpty();
    }

    @Test
    void aDamagedFileGivesOneLineSayingWhatToDo() throws IOException {
        InstanceStore store = new InstanceStore(dir);
        Files.writeString(store.file(), "{\"version\":1,\"instances\":[{\"spec\":{}}]}");
        assertThatThrownBy(store::load).isInstanceOf(IOException.class)
                .hasMessage("agent state file " + store.file() + " is not valid (missing field 'args'); "
                        + "move it aside to start without adopting running instances");
        Files.writeString(store.file(), "{\"version\":");
        assertThatThrownBy(store::load).hasMessageContaining("move it aside");
        Files.writeString(store.file(), "{\"version\":7}");
        assertThatThrownBy(store::load).hasMessageContaining("unknown version 7");
    }
}
