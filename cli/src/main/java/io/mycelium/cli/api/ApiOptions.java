package io.mycelium.cli.api;

import io.mycelium.cli.CliContext;
import io.mycelium.client.http.AgentClient;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The shared {@code --api URL} and {@code --token-file FILE} options; commands add it as a {@code @Mixin}. */
public final class ApiOptions {
    /** Where an agent listens when nothing else is said. */
    public static final String DEFAULT_API = "http://127.0.0.1:7070";

    @Option(names = "--api", paramLabel = "URL",
            description = "The agent's API (default: $MESH_API or " + DEFAULT_API + ").")
    String api;

    @Mixin
    TokenOptions token = new TokenOptions();

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
        return token.token(ctx);
    }

    /** A client for the agent these options name. */
    public AgentClient client(CliContext ctx) {
        return new AgentClient(baseUrl(ctx), token(ctx));
    }
}
