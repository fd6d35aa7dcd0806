package io.mycelium.fabric.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mycelium.spore.json.JsonMappers;

/**
 * The fabric's JSON helpers over the project's canonical mapper ({@link JsonMappers#canonical()}):
 * snake_case names, sorted properties and map keys, digests as {@code sha256:<hex>} strings.
 * Sorting makes the encoding canonical, which signatures rely on.
 */
public final class Json {
    /** Shared, thread-safe mapper. Do not reconfigure it. */
    public static final ObjectMapper MAPPER = JsonMappers.canonical();

    private Json() {
    }

    /** Canonical JSON text of a value. */
    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot encode " + value.getClass().getSimpleName() + ": " + e.getOriginalMessage(), e);
        }
    }

    /** Parses JSON text into a type; a malformed document is an {@link IllegalArgumentException} naming the type. */
    public static <T> T read(String json, Class<T> type) {
        try {
            return MAPPER.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("malformed " + type.getSimpleName() + ": " + e.getOriginalMessage(), e);
        }
    }
}
