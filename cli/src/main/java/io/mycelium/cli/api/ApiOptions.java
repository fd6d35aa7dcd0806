package io.mycelium.cli.api;

import io.mycelium.cli.CliContext;
import io.mycelium.cli.MeshException;
import io.mycelium.client.http.AgentClient;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The shared {@code --api URL} and {@code --token-file FILE} options; commands add it as a {@code @Mixin}. */
public final class ApiOptions {
    /** Where an agent listens when nothing else is said. */
    public static final String DEFAULT_API = "http://127.0.0.1:7070";

    @Option(names = "--api", paramLabel = "URL",
            description = "The agent's API (default: $MESH_API or " + DEFAULT_API + ").")
    String api;

    @Option(names = "--token-file", paramLabel = "FILE",
            description = "A file holding the agent's API token (default: $MESH_API_TOKEN_FILE; none).")
    Path tokenFile;

    /** The base URL without a trailing slash. */
    public String baseUrl(CliContext ctx) {
        return baseUrl(api, ctx);
    }

    /** {@code option}, else $MESH_API, else {@link #DEFAULT_API}; without a trailing slash. */
    public static String baseUrl(String option, CliContext ctx) {
        String url = option != null ? option : ctx.env().getOrDefault("MESH_API", DEFAULT_API);
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    /** The token, or null when none is given. */
    public String token(CliContext ctx) {
        Path file = tokenFile;
        if (file == null && ctx.env().containsKey("MESH_API_TOKEN_FILE")) {
            file = Path.of(ctx.env().get("MESH_API_TOKEN_FILE"));
        }
        if (file == null) {
            return null;
        }
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8).strip();
            int nl = text.indexOf('\n');
            String token = nl < 0 ? text : text.substring(0, nl).strip();
            if (token.isEmpty()) {
                throw MeshException.usage("--token-file " + file + " is empty; it must hold the agent's API token");
            }
            return token;
        } catch (IOException e) {
            throw MeshException.usage("--token-file " + file + ": cannot read it (" + e.getClass().getSimpleName() + ")");
        }
    }

    /** A client for the agent these options name. */
    public AgentClient client(CliContext ctx) {
        return new AgentClient(baseUrl(ctx), token(ctx));
    }
}
