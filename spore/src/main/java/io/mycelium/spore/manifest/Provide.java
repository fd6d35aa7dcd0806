package io.mycelium.spore.manifest;

import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * A service the workload offers, e.g. {@code {"name":"http","protocol":"http","port_env":"PORT"}}:
 * the agent picks a port, passes it in {@code port_env}, and registers the endpoint under
 * {@code name}.
 *
 * @param name     service name, 1-63 lowercase letters, digits or '-'
 * @param protocol {@code http} or {@code tcp}
 * @param portEnv  the environment variable that carries the port (default {@code PORT})
 * @param extra    fields this version does not know, kept and signed
 */
public record Provide(String name, String protocol, String portEnv, @JsonAnySetter @JsonAnyGetter Map<String, JsonNode> extra) {
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]{0,62}");

    public Provide {
        Objects.requireNonNull(name, "provides.name");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("provides.name '" + Manifests.abbreviate(name) + "' must be 1-63 lowercase letters, digits or '-'");
        }
        protocol = protocol == null ? "http" : protocol;
        if (!protocol.equals("http") && !protocol.equals("tcp")) {
            throw new IllegalArgumentException("provides." + name + ".protocol must be http or tcp, got '" + Manifests.abbreviate(protocol) + "'");
        }
        portEnv = portEnv == null ? "PORT" : portEnv;
        extra = Extras.copy(extra);
    }

    public Provide(String name, String protocol, String portEnv) {
        this(name, protocol, portEnv, Map.of());
    }
}
