package io.mycelium.cli.api;

import io.mycelium.cli.CliContext;
import io.mycelium.cli.MeshException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * The one {@code --token-file FILE} option (default {@code $MESH_API_TOKEN_FILE}): the agents' API
 * token. A mixin of {@link ApiOptions} (commands that talk to one agent, with {@code --api}) and
 * of the consoles' options (which find agents in the fabric, so they have no {@code --api}).
 */
public final class TokenOptions {
    @Option(names = "--token-file", paramLabel = "FILE",
            description = "A file holding the agent's API token (default: $MESH_API_TOKEN_FILE; none).")
    Path tokenFile;

    /** The token (the file's first line), or null when none is given. */
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
            String why = e instanceof java.nio.file.NoSuchFileException ? "no such file" : "cannot read it";
            throw MeshException.usage("--token-file " + file + ": " + why + "; give the file that holds the agent's API token");
        }
    }
}
