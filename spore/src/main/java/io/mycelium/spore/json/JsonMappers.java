package io.mycelium.spore.json;

import java.io.IOException;
import java.nio.file.Path;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
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
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import io.mycelium.spore.digest.Digest;

/**
 * The project's one JSON set-up: every module takes its mapper from here instead of configuring
 * its own, so the same names, digests and strictness hold everywhere. Four flavours, one per kind
 * of document:
 * <ul>
 *   <li>{@link #canonical()}: records on the wire and in signatures (snake_case, sorted properties
 *       and map keys, digests as {@code sha256:<hex>}, unknown fields ignored so that older members
 *       read newer records);</li>
 *   <li>{@link #configFile()}: files people write (snake_case, an unknown field is an error so that
 *       a typo is not silently ignored);</li>
 *   <li>{@link #manifest()}: signed spore manifests (strict reading: no duplicate keys, no trailing
 *       content, no coercion, bounded nesting; indented canonical writing);</li>
 *   <li>{@link #output()}: what the CLI prints (indented, paths as plain strings).</li>
 * </ul>
 * The mappers are shared and thread-safe; do not reconfigure them (use {@code reader()/writer()}
 * for a variation).
 */
public final class JsonMappers {
    private static final ObjectMapper CANONICAL = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .addModule(digests())
            .build();

    private static final ObjectMapper CONFIG_FILE = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .addModule(digests())
            .build();

    private static final ObjectMapper MANIFEST = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder()
                            .maxNestingDepth(64).maxStringLength(2 * 1024 * 1024).maxNumberLength(32).build())
                    .build())
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .disable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .build();

    private static final ObjectMapper OUTPUT = JsonMapper.builder()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            .addModule(digests().addSerializer(Path.class, ToStringSerializer.instance))
            .build();

    private JsonMappers() {
    }

    /** Records on the wire and in signatures: the encoding is canonical (sorted), reading is lenient. */
    public static ObjectMapper canonical() {
        return CANONICAL;
    }

    /** Config files people write: snake_case, unknown fields rejected. */
    public static ObjectMapper configFile() {
        return CONFIG_FILE;
    }

    /** Signed spore manifests: strict reading, indented canonical writing. */
    public static ObjectMapper manifest() {
        return MANIFEST;
    }

    /** What a program prints for people and scripts: indented, paths and digests as plain strings. */
    public static ObjectMapper output() {
        return OUTPUT;
    }

    private static SimpleModule digests() {
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
        return digests;
    }
}
