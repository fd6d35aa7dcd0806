package io.mycelium.fabric.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Objects;

/**
 * Whether app {@code caller} may call app {@code callee} through the hyphae routers: a signed
 * operator record (kind {@link RecordKind#INTENTION}, name {@code caller>callee}). Either side may
 * be {@link #ANY}; the intention {@code * > *} is the cluster's default ({@code mesh intention
 * default allow|deny}). Which intention decides a call is {@code fabric.intention.Intentions}'.
 *
 * @param caller the calling app, or {@code *}
 * @param callee the called app, or {@code *}
 * @param action allow or deny
 */
public record Intention(String caller, String callee, Action action) {
    /** Any app. */
    public static final String ANY = "*";

    /** What an intention says. */
    public enum Action {
        ALLOW, DENY;

        @JsonValue
        public String wire() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        @JsonCreator
        public static Action parse(String text) {
            for (Action a : values()) {
                if (a.wire().equals(text)) {
                    return a;
                }
            }
            throw new IllegalArgumentException("intention action '" + text + "' must be allow or deny");
        }
    }

    public Intention {
        app("caller", caller);
        app("callee", callee);
        Objects.requireNonNull(action, "action");
    }

    private static void app(String what, String app) {
        if (!ANY.equals(app) && !Names.valid(app)) {
            throw new IllegalArgumentException("intention " + what + " '" + app + "' must be an app name or * (any app)");
        }
    }

    /** The record name of the intention between {@code caller} and {@code callee}. */
    public static String name(String caller, String callee) {
        return caller + ">" + callee;
    }

    /** This intention's record name. */
    @JsonIgnore
    public String name() {
        return name(caller, callee);
    }

    /** Whether this is the cluster's default ({@code * > *}). */
    @JsonIgnore
    public boolean isDefault() {
        return ANY.equals(caller) && ANY.equals(callee);
    }
}
