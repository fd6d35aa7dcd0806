package io.mycelium.fabric.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** What a member of the fabric is. */
public enum Role {
    AGENT, EDGE, CONSOLE;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static Role parse(String text) {
        for (Role r : values()) {
            if (r.wireName().equalsIgnoreCase(text)) {
                return r;
            }
        }
        throw new IllegalArgumentException("role '" + text + "' is not one of agent, edge, console");
    }
}
