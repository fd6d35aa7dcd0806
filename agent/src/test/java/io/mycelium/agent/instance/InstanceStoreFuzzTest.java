package io.mycelium.agent.instance;

import com.code_intelligence.jazzer.junit.FuzzTest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Jazzer fuzz test of the state file reader: a damaged {@code instances.json} either loads to
 * instances that save and reload to themselves, or fails with the one-line "move it aside" message.
 * Regression mode runs the seeds under {@code src/test/resources/io/mycelium/agent/instance/InstanceStoreFuzzTestInputs/};
 * {@code JAZZER_FUZZ=1 ./mvnw -pl agent test -Dtest=InstanceStoreFuzzTest} fuzzes for real.
 */
class InstanceStoreFuzzTest {
    @FuzzTest(maxDuration = "30s")
    void stateFileReader(byte[] data) throws IOException {
        Path dir = Files.createTempDirectory("store-fuzz");
        try {
            InstanceStore store = new InstanceStore(dir);
            Files.write(store.file(), data);
            try {
                var loaded = store.load();
                store.save(loaded);
                assertThat(store.load()).isEqualTo(loaded);
            } catch (IOException expected) {
                assertThat(expected.getMessage()).startsWith("agent state file ").endsWith("move it aside to start without adopting running instances");
            }
        } finally {
            try (var files = Files.list(dir)) {
                for (Path f : files.toList()) {
                    Files.delete(f);
                }
            }
            Files.delete(dir);
        }
    }
}
