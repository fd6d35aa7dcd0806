package io.mycelium.spore.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.mycelium.spore.digest.Digest;
import org.junit.jupiter.api.Test;

class JsonMappersTest {
    record Sample(String zoneName, Digest digest, Map<String, Integer> counts) {
    }

    record Settings(String nodeId) {
    }

    private static final Digest DIGEST = Digest.parse("sha256:" + "ab".repeat(32));

    @Test
    void canonicalWritesSnakeCaseSortedWithDigestsAsStrings() throws JsonProcessingException {
        String json = JsonMappers.canonical().writeValueAsString(new Sample("eu", DIGEST, Map.of("b", 2, "a", 1)));
        assertThat(json).isEqualTo("{\"counts\":{\"a\":1,\"b\":2},\"digest\":\"" + DIGEST + "\",\"zone_name\":\"eu\"}");
        assertThat(JsonMappers.canonical().readValue(json, Sample.class).digest()).isEqualTo(DIGEST);
    }

    @Test
    void canonicalIgnoresFieldsANewerWriterAdded() throws JsonProcessingException {
        assertThat(JsonMappers.canonical().readValue("{\"node_id\":\"n1\",\"added_later\":1}", Settings.class).nodeId())
                .isEqualTo("n1");
    }

    @Test
    void configFileRejectsATypoedField() {
        assertThatThrownBy(() -> JsonMappers.configFile().readValue("{\"node_ide\":\"n1\"}", Settings.class))
                .hasMessageContaining("node_ide");
    }

    @Test
    void manifestRejectsDuplicateKeys() {
        assertThatThrownBy(() -> JsonMappers.manifest().readTree("{\"a\":1,\"a\":2}"))
                .hasMessageContaining("Duplicate field 'a'");
    }

    @Test
    void outputPrintsPathsAsPlainStrings() throws JsonProcessingException {
        assertThat(JsonMappers.output().writeValueAsString(Map.of("dir", Path.of("/tmp/x"))))
                .contains("\"dir\" : \"/tmp/x\"");
    }
}
