package io.mycelium.examples.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

class JsonTest {
    @Test
    void escapesQuotesBackslashesAndControlCharacters() {
        assertThat(Json.string("a\"b\\c\nd\u0001")).isEqualTo("\"a\\\"b\\\\c\\nd\\u0001\"");
    }

    @Test
    void writesNumbersBareAndStringsQuotedInOrder() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("app", "billing");
        m.put("pid", 42L);
        m.put("ok", true);
        assertThat(Json.object(m)).isEqualTo("{\"app\":\"billing\",\"pid\":42,\"ok\":true}");
    }
}
