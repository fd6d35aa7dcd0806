package io.mycelium.edge.upstream;

import java.util.List;
import java.util.Objects;

/**
 * The status line and headers of an upstream response, with its body framing worked out.
 *
 * @param status        the status code
 * @param headers       header fields in order, names as sent
 * @param contentLength the body length, or -1 when not known from a Content-Length
 * @param chunked       whether the body is chunked
 * @param noBody        whether the response has no body at all (HEAD, 1xx, 204, 304)
 * @param keepAlive     whether the connection may be reused after the body
 */
public record ResponseHead(int status, List<Field> headers, long contentLength, boolean chunked,
                           boolean noBody, boolean keepAlive) {

    /** One header field. */
    public record Field(String name, String value) {
        public Field {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(value, "value");
        }
    }

    public ResponseHead {
        headers = List.copyOf(headers);
    }

    /** Whether the body runs until the upstream closes the connection. */
    public boolean untilClose() {
        return !noBody && !chunked && contentLength < 0;
    }
}
