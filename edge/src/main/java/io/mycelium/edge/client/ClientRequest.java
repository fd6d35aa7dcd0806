package io.mycelium.edge.client;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * One parsed request head. The header fields stay in the connection's input buffer as offsets
 * (the edge copies most of them upstream byte for byte); the few fields the edge acts on are
 * extracted while parsing. One instance per connection, reused for each request by
 * {@link RequestParser#parse}; valid until the request's body is read. Not thread-safe.
 */
public final class ClientRequest {

    /** Header ids of the fields the edge knows; {@link #OTHER} is copied upstream as is. */
    public static final int OTHER = 0;
    public static final int HOST = 1;
    public static final int CONTENT_LENGTH = 2;
    public static final int TRANSFER_ENCODING = 3;
    public static final int CONNECTION = 4;
    public static final int EXPECT = 5;
    public static final int X_REQUEST_ID = 6;
    public static final int TRACEPARENT = 7;
    public static final int TRACESTATE = 8;
    public static final int X_FORWARDED_FOR = 9;
    /** Fields dropped without being read: hop-by-hop, or rewritten by the edge. */
    public static final int DROPPED = 10;

    static final int MAX_FIELDS = 128;

    byte[] buf;
    String method;
    String target;
    int pathEnd;
    boolean http10;
    int fieldCount;
    final int[] nameStart = new int[MAX_FIELDS];
    final int[] nameEnd = new int[MAX_FIELDS];
    final int[] valueStart = new int[MAX_FIELDS];
    final int[] valueEnd = new int[MAX_FIELDS];
    final int[] ids = new int[MAX_FIELDS];
    long contentLength;
    boolean chunked;
    boolean expectContinue;
    boolean close;
    boolean keepAlive;
    String host;
    /** The host:port of an absolute-form target, or null. */
    String targetAuthority;
    String requestId;
    String traceparent;
    String tracestate;
    String forwardedFor;
    List<String> connectionTokens;

    void reset(byte[] buffer) {
        buf = buffer;
        method = null;
        target = null;
        pathEnd = 0;
        http10 = false;
        fieldCount = 0;
        contentLength = -1;
        chunked = false;
        expectContinue = false;
        close = false;
        keepAlive = false;
        host = null;
        targetAuthority = null;
        requestId = null;
        traceparent = null;
        tracestate = null;
        forwardedFor = null;
        connectionTokens = null;
    }

    /** The method, as sent (a token). */
    public String method() {
        return method;
    }

    /** The request target in origin form: a path and maybe a query (an absolute-form target is reduced to this). */
    public String target() {
        return target;
    }

    /** The path part of the target. */
    public String rawPath() {
        return pathEnd == target.length() ? target : target.substring(0, pathEnd);
    }

    /** The query without its {@code ?}, or empty. */
    public String query() {
        return pathEnd >= target.length() - 1 ? "" : target.substring(pathEnd + 1);
    }

    /** Whether the request line said HTTP/1.0. */
    public boolean http10() {
        return http10;
    }

    /** Whether the client lets the connection stay open after this exchange. */
    public boolean keepAlive() {
        return http10 ? keepAlive && !close : !close;
    }

    /** The body length from Content-Length, or -1 (chunked, or no body). */
    public long contentLength() {
        return contentLength;
    }

    /** Whether the body is chunked. */
    public boolean chunked() {
        return chunked;
    }

    /** Whether a body follows the head. */
    public boolean hasBody() {
        return chunked || contentLength > 0;
    }

    /** Whether the client waits for {@code 100 Continue} before sending the body. */
    public boolean expectContinue() {
        return expectContinue;
    }

    /** The Host header, or null (HTTP/1.0 only). */
    public String host() {
        return host;
    }

    /** The first X-Request-Id, or null. */
    public String requestId() {
        return requestId;
    }

    /** The first traceparent, or null. */
    public String traceparent() {
        return traceparent;
    }

    /** Every tracestate joined with commas, or null. */
    public String tracestate() {
        return tracestate;
    }

    /** Every X-Forwarded-For joined with {@code ", "}, or null. */
    public String forwardedFor() {
        return forwardedFor;
    }

    /** Number of header fields. */
    public int fieldCount() {
        return fieldCount;
    }

    /** The id of field {@code i} ({@link #OTHER} or one of the known ones). */
    public int id(int i) {
        return ids[i];
    }

    /** The name of field {@code i}, as sent. */
    public String name(int i) {
        return new String(buf, nameStart[i], nameEnd[i] - nameStart[i], StandardCharsets.ISO_8859_1);
    }

    /** The value of field {@code i}, without surrounding whitespace. */
    public String value(int i) {
        return new String(buf, valueStart[i], valueEnd[i] - valueStart[i], StandardCharsets.ISO_8859_1);
    }

    /** Where field {@code i} starts in the buffer (its name). */
    public int fieldStart(int i) {
        return nameStart[i];
    }

    /** Where field {@code i}'s value ends in the buffer (before trailing whitespace and CRLF). */
    public int fieldEnd(int i) {
        return valueEnd[i];
    }

    /** The buffer the offsets refer to. */
    public byte[] buffer() {
        return buf;
    }

    /** Whether a Connection header named field {@code i} as hop-by-hop (case-insensitively). */
    public boolean listedInConnection(int i) {
        List<String> tokens = connectionTokens;
        if (tokens == null) {
            return false;
        }
        String name = name(i);
        for (String t : tokens) {
            if (t.equalsIgnoreCase(name)) {
                return true;
            }
        }
        return false;
    }

    void connectionToken(String token) {
        if (connectionTokens == null) {
            connectionTokens = new ArrayList<>(2);
        }
        connectionTokens.add(token);
    }
}
