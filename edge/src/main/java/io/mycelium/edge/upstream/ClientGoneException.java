package io.mycelium.edge.upstream;

import java.io.IOException;

/**
 * The client's side of an exchange failed (it went away while the response was being written,
 * or its request body could not be read). Not the upstream's fault: no ejection, no retry.
 */
public final class ClientGoneException extends IOException {

    private static final long serialVersionUID = 1L;

    public ClientGoneException(String message, Throwable cause) {
        super(message, cause);
    }
}
