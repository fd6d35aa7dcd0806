package io.mycelium.spore.manifest;

import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * What the spore is: an app name (also its route and plan key) and a version.
 *
 * @param name    1-63 lowercase letters, digits and '-', starting with a letter
 * @param version 1-64 letters, digits, '.', '_', '+' or '-'
 * @param extra   fields this version does not know, kept and signed
 */
public record Identity(String name, String version, @JsonAnySetter @JsonAnyGetter Map<String, JsonNode> extra) {
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]{0,62}");
    private static final Pattern VERSION = Pattern.compile("[A-Za-z0-9._+-]{1,64}");

    public Identity {
        Objects.requireNonNull(name, "identity.name");
        Objects.requireNonNull(version, "identity.version");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("identity.name '" + Manifests.abbreviate(name) + "' must be 1-63 lowercase letters, digits or '-', starting with a letter");
        }
        if (!VERSION.matcher(version).matches()) {
            throw new IllegalArgumentException("identity.version '" + Manifests.abbreviate(version) + "' must be 1-64 letters, digits, '.', '_', '+' or '-'");
        }
        extra = Extras.copy(extra);
    }

    public Identity(String name, String version) {
        this(name, version, Map.of());
    }
}
