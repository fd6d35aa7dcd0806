package io.mycelium.edge.proxy;

import io.mycelium.edge.client.ClientRequest;
import io.mycelium.edge.observe.EdgeMetrics;
import java.nio.charset.StandardCharsets;

/** One request on a client connection, from its parsed head to its logged answer. */
final class Exchange {

    /** The parsed request, or null when the head was refused before parsing. */
    final ClientRequest req;
    final ClientSession.Peer client;
    /** The client's acceptable X-Request-Id, or null until {@link #requestId()} names a new one. */
    private String requestId;
    /** A new request id as ASCII bytes, when the client sent none acceptable; else null. */
    final byte[] newId;
    /** The request path; without the caller prefix once a {@code CallGuard} stripped it. */
    String rawPath;
    final long start;
    String app = EdgeMetrics.NO_APP;
    String target;
    String upstream = "-";
    /** The revision the request was routed to (null: none chosen, or every revision was a candidate). */
    String revision;
    /** The app's upstream timeout, in nanoseconds (set when the request is routed). */
    long timeoutNanos;
    long bytes;
    /** Whether the response head has been written for the client (a failure now cuts it off). */
    boolean relaying;
    /** Whether the request's body has been read whole (or it has none). */
    boolean bodyRead;
    boolean keepAlive;
    int status;

    Exchange(ClientRequest req, ClientSession.Peer client, String incomingId, String rawPath, long start) {
        this.req = req;
        this.client = client;
        if (incomingId != null && RequestContext.isSafeId(incomingId)) {
            this.requestId = incomingId;
            this.newId = null;
        } else {
            // written into the heads as bytes; a string only for the access log or an error body
            this.newId = new byte[RequestContext.ID_LENGTH];
            RequestContext.newRequestId(newId, 0);
        }
        this.rawPath = rawPath;
        this.start = start;
        this.keepAlive = req != null && req.keepAlive();
        this.bodyRead = req == null || !req.hasBody();
    }

    String method() {
        return req == null ? "-" : req.method();
    }

    boolean headRequest() {
        return req != null && "HEAD".equals(req.method());
    }

    /** The client's id when it sent an acceptable one (else null: {@link #newId} is used). */
    String incomingId() {
        return newId == null ? requestId : null;
    }

    String requestId() {
        String id = requestId;
        if (id == null) {
            id = new String(newId, StandardCharsets.ISO_8859_1);
            requestId = id;
        }
        return id;
    }
}
