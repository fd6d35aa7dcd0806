package io.mycelium.spore.manifest;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * How to start the workload. {@code command} is a payload path (relative to the extracted spore);
 * packing sets it to the first file when the template leaves it empty.
 *
 * @param kind    native binary, JVM jar or script
 * @param command the payload file to run
 * @param args    arguments after the command
 * @param env     environment variables set for the process (the agent adds PORT and the like)
 * @param extra   fields this version does not know, kept and signed
 */
public record Runtime(RuntimeKind kind, String command, List<String> args, Map<String, String> env,
        @JsonAnySetter @JsonAnyGetter Map<String, JsonNode> extra) {
    public Runtime {
        Objects.requireNonNull(kind, "runtime.kind");
        if (command != null && !command.isEmpty()) {
            PayloadPath.check(command, "runtime.command");
        }
        args = args == null ? List.of() : List.copyOf(args);
        env = env == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(env));
        for (String name : env.keySet()) {
            if (name.isEmpty() || name.contains("=") || name.indexOf('\0') >= 0) {
                throw new IllegalArgumentException("runtime.env name '" + Manifests.abbreviate(name) + "' is not a valid variable name");
            }
        }
        extra = Extras.copy(extra);
    }

    public Runtime(RuntimeKind kind, String command, List<String> args, Map<String, String> env) {
        this(kind, command, args, env, Map.of());
    }

    /** The same runtime with another command. */
    public Runtime withCommand(String newCommand) {
        return new Runtime(kind, newCommand, args, env, extra);
    }
}
