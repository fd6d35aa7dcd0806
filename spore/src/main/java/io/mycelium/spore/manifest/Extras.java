package io.mycelium.spore.manifest;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/** Copies the unknown-field maps that every manifest record keeps, so that they are signed, not dropped. */
final class Extras {
    private Extras() {
    }

    static Map<String, JsonNode> copy(Map<String, JsonNode> extra) {
        if (extra == null || extra.isEmpty()) {
            return Map.of();
        }
        Map<String, JsonNode> copy = new LinkedHashMap<>();
        extra.forEach((k, v) -> copy.put(k, v == null ? null : v.deepCopy()));
        return Collections.unmodifiableMap(copy);
    }
}
