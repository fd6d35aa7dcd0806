package io.mycelium.agent.hyphae;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mycelium.spore.manifest.Manifest;
import io.mycelium.spore.manifest.ManifestCodec;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class WorkloadEnvTest {

    private static Manifest withNeeds(String needs) {
        String json = "{\"schema_version\":1,\"identity\":{\"name\":\"frontend\",\"version\":\"1.0.0\"},"
                + "\"runtime\":{\"kind\":\"SCRIPT\",\"command\":\"run.sh\"}" + (needs == null ? "" : ",\"needs\":" + needs) + "}";
        return ManifestCodec.parse(json.getBytes(StandardCharsets.UTF_8), "test manifest");
    }

    @Test
    void everyInstanceGetsTheRouterAndEachNeedItsBaseUrl() {
        assertThat(WorkloadEnv.of(withNeeds(null), "http://127.0.0.1:7080"))
                .containsExactly(java.util.Map.entry("MYCELIUM_HYPHAE", "http://127.0.0.1:7080"));
        assertThat(WorkloadEnv.of(withNeeds("[{\"app\":\"billing\",\"port_env\":\"BILLING_URL\"},{\"app\":\"greeter\",\"port_env\":\"G\"}]"),
                "http://127.0.0.1:7081"))
                .containsEntry("MYCELIUM_HYPHAE", "http://127.0.0.1:7081")
                .containsEntry("BILLING_URL", "http://127.0.0.1:7081/billing")
                .containsEntry("G", "http://127.0.0.1:7081/greeter")
                .hasSize(3);
    }

    @Test
    void aMalformedNeedNamesTheEntryAndWhatToWrite() {
        assertThatThrownBy(() -> WorkloadEnv.of(withNeeds("{\"app\":\"billing\"}"), "http://h:1"))
                .hasMessageContaining("needs must be a list like [{\"app\": \"billing\"");
        assertThatThrownBy(() -> WorkloadEnv.of(withNeeds("[{\"app\":\"Billing!\",\"port_env\":\"X\"}]"), "http://h:1"))
                .hasMessageContaining("needs[0].app 'Billing!' is not an app name");
        assertThatThrownBy(() -> WorkloadEnv.of(withNeeds("[{\"app\":\"billing\",\"port_env\":\"MYCELIUM_HYPHAE\"}]"), "http://h:1"))
                .hasMessageContaining("needs[0].port_env 'MYCELIUM_HYPHAE' must be an environment variable name");
        assertThatThrownBy(() -> WorkloadEnv.of(withNeeds("[{\"app\":\"billing\"}]"), "http://h:1"))
                .hasMessageContaining("needs[0].port_env ''");
    }
}
