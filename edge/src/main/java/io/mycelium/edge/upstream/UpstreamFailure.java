package io.mycelium.edge.upstream;

import java.io.IOException;
import java.util.Objects;

/** Why an exchange with an upstream failed, and whether any response byte had arrived. */
public final class UpstreamFailure extends IOException {

    private static final long serialVersionUID = 1L;

    /** Failure classes; each maps to one status and one metrics label. */
    public enum Kind {
        /** Could not connect (refused, unreachable, connect timeout): 502. */
        CONNECT("connect"),
        /** Connection reset or closed by the upstream: 502. */
        RESET("reset"),
        /** No response within the app's timeout: 504. */
        TIMEOUT("timeout"),
        /** The upstream sent something that is not an HTTP/1.x response: 502. */
        MALFORMED("bad_response");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        /** The metrics label. */
        public String label() {
            return label;
        }
    }

    private final Kind kind;
    private final boolean responseStarted;

    public UpstreamFailure(Kind kind, boolean responseStarted, String message, Throwable cause) {
        super(message, cause);
        this.kind = Objects.requireNonNull(kind, "kind");
        this.responseStarted = responseStarted;
    }

    public Kind kind() {
        return kind;
    }

    /** Whether at least one response byte had been received when it failed. */
    public boolean responseStarted() {
        return responseStarted;
    }
}
