package io.mycelium.fabric.model;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import io.mycelium.spore.digest.Digest;
import java.io.IOException;

/**
 * The fabric's JSON mapping: snake_case names, sorted properties and map keys, digests as
 * {@code sha256:<hex>} strings. Sorting makes the encoding canonical, which signatures rely on.
 */
public final class Json {
    /** Shared, thread-safe mapper. Do not reconfigure it. */
    public static final ObjectMapper MAPPER = build();

    private Json() {
    }

    private static ObjectMapper build() {
        SimpleModule digests = new SimpleModule("mycelium-digest");
        digests.addSerializer(Digest.class, new JsonSerializer<>() {
            @Override
            public void serialize(Digest value, JsonGenerator gen, SerializerProvider provider) throws IOException {
                gen.writeString(value.toString());
            }
        });
        digests.addDeserializer(Digest.class, new JsonDeserializer<>() {
            @Override
            public Digest deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
                try {
                    return Digest.parse(p.getValueAsString());
                } catch (IllegalArgumentException e) {
                    throw ctxt.weirdStringException(p.getText(), Digest.class, e.getMessage());
                }
            }
        });
        return JsonMapper.builder()
                .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
                .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .addModule(digests)
                .build();
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
