package io.mycelium.cli.api;

import io.mycelium.cli.ExitCode;
import io.mycelium.client.http.ClientException;

/**
 * The one place where a failed call to an agent becomes the CLI's one line: the client's message
 * (the agent and the reason), then what to do next with this CLI's own flags.
 */
public final class ClientFailures {
    private ClientFailures() {
    }

    /** The line to print for {@code e}. */
    public static String message(ClientException e) {
        return switch (e.kind()) {
            case BAD_URL -> "--api '" + e.base() + "' is not a URL of an agent's API (e.g. " + ApiOptions.DEFAULT_API
                    + "); check --api (or MESH_API)";
            case UNREACHABLE -> e.getMessage() + "; is `mesh agent` running? start one with `mesh agent`, or point --api (or MESH_API)"
                    + " at a running agent";
            case REFUSED -> e.getMessage() + (e.hint().isBlank() ? "" : " (" + e.hint() + ")");
            case NOT_AN_AGENT -> e.getMessage() + " check --api (or MESH_API)";
        };
    }

    /** The exit code for {@code e}: a URL that is not one is a usage mistake (2), the rest a failure (1). */
    public static int exitCode(ClientException e) {
        return e.kind() == ClientException.Kind.BAD_URL ? ExitCode.USAGE : ExitCode.REJECTED;
    }
}
