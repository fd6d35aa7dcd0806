package io.mycelium.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mycelium.spore.json.JsonMappers;

/** The CLI's JSON output, over {@link JsonMappers#output()}: indented, paths as plain strings. */
public final class Json {
    private static final ObjectMapper MAPPER = JsonMappers.output();

    private Json() {
    }

    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }

    /** {@code value} on one line: one document per line for commands that print a stream of them ({@code -w}). */
    public static String writeLine(Object value) {
        try {
            return MAPPER.writer().without(com.fasterxml.jackson.databind.SerializationFeature.INDENT_OUTPUT).writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }

    public static ObjectMapper mapper() {
        return MAPPER;
    }
}
