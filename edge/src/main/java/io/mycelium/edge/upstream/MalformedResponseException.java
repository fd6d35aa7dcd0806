package io.mycelium.edge.upstream;

import java.io.IOException;

/** The upstream sent bytes that are not a valid HTTP/1.x response. */
public final class MalformedResponseException extends IOException {

    private static final long serialVersionUID = 1L;

    MalformedResponseException(String message) {
        super(message);
    }
}
