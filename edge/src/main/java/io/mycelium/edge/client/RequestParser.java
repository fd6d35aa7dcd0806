package io.mycelium.edge.client;

import io.mycelium.edge.Latin1;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * A strict HTTP/1.1 request-head parser (RFC 9112) that works in place on a complete head, as
 * {@link ClientInput#readHead} delivers it. What it refuses, and with which status:
 * <ul>
 *   <li>400: a method that is not a token; a target that is neither origin form ({@code /path?query})
 *       nor absolute form ({@code http://host/path?query}, whose host then stands for the Host
 *       header), or that holds user information, a space, a control character, a non-ASCII byte or {@code #}; a version that is
 *       not {@code HTTP/d.d}; a bare CR or LF; obsolete line folding; a header name that is not a
 *       token or is followed by whitespace before the colon; a control character in a value; a
 *       Content-Length that is not a decimal number or disagrees with another one; Content-Length
 *       together with Transfer-Encoding, or Transfer-Encoding in HTTP/1.0 (request smuggling);
 *       HTTP/1.1 without exactly one Host;</li>
 *   <li>417: an Expect other than {@code 100-continue}; 431: more than 128 fields;
 *       501: a transfer coding other than {@code chunked}; 505: an HTTP version other than 1.0 and 1.1.</li>
 * </ul>
 * Stateless.
 */
public final class RequestParser {

    private static final boolean[] TCHAR = new boolean[256];

    static {
        for (int c = '0'; c <= '9'; c++) {
            TCHAR[c] = true;
        }
        for (int c = 'a'; c <= 'z'; c++) {
            TCHAR[c] = true;
            TCHAR[c - 32] = true;
        }
        for (char c : "!#$%&'*+-.^_`|~".toCharArray()) {
            TCHAR[c] = true;
        }
    }

    private static final String[] METHODS = {"GET", "HEAD", "POST", "PUT", "DELETE", "OPTIONS", "PATCH", "TRACE"};

    private RequestParser() {
    }

    /**
     * Parses the head in {@code buf[start, end)}, which ends with the empty line (CRLF CRLF).
     *
     * @throws BadRequestException when the head breaks one of the rules above
     */
    public static void parse(byte[] buf, int start, int end, ClientRequest r) throws BadRequestException {
        if (end - start < 4 || buf[end - 1] != '\n' || buf[end - 2] != '\r' || buf[end - 3] != '\n' || buf[end - 4] != '\r') {
            throw new IllegalArgumentException("not a complete head");
        }
        r.reset(buf);
        int p = start;
        int m = p;
        while (TCHAR[buf[p] & 0xff]) {
            p++;
        }
        if (p == m || buf[p] != ' ') {
            throw new BadRequestException(400, "malformed request line: the method must be a token followed by one space");
        }
        r.method = method(buf, m, p);
        p++;
        int t = p;
        int pathEnd = -1;
        while (true) {
            int c = buf[p] & 0xff;
            if (c <= 0x20 || c >= 0x7f || c == '#') {
                break;
            }
            if (c == '?' && pathEnd < 0) {
                pathEnd = p - t;
            }
            p++;
        }
        if (p == t || buf[p] != ' ') {
            throw new BadRequestException(400, "malformed request line: the target must be visible ASCII followed by one space");
        }
        if (buf[t] == '/') {
            r.target = new String(buf, t, p - t, StandardCharsets.ISO_8859_1);
            r.pathEnd = pathEnd < 0 ? p - t : pathEnd;
        } else {
            absoluteForm(r, buf, t, p);
        }
        p++;
        if (end - p < 10 || buf[p] != 'H' || buf[p + 1] != 'T' || buf[p + 2] != 'T' || buf[p + 3] != 'P'
                || buf[p + 4] != '/' || !digit(buf[p + 5]) || buf[p + 6] != '.' || !digit(buf[p + 7])
                || buf[p + 8] != '\r' || buf[p + 9] != '\n') {
            throw new BadRequestException(400, "malformed request line: it must end with HTTP/1.1 or HTTP/1.0");
        }
        if (buf[p + 5] != '1' || (buf[p + 7] != '1' && buf[p + 7] != '0')) {
            throw new BadRequestException(505, "HTTP version " + (char) buf[p + 5] + "." + (char) buf[p + 7]
                    + " is not supported: use HTTP/1.1");
        }
        r.http10 = buf[p + 7] == '0';
        p += 10;
        while (true) {
            byte first = buf[p];
            if (first == '\r') {
                if (buf[p + 1] != '\n' || p + 2 != end) {
                    throw new BadRequestException(400, "malformed header section: bare CR");
                }
                break;
            }
            if (first == ' ' || first == '\t') {
                throw new BadRequestException(400, "obsolete line folding is not accepted");
            }
            int ns = p;
            while (TCHAR[buf[p] & 0xff]) {
                p++;
            }
            if (p == ns || buf[p] != ':') {
                throw new BadRequestException(400, "malformed header field: the name must be a token followed by ':'");
            }
            int ne = p++;
            while (buf[p] == ' ' || buf[p] == '\t') {
                p++;
            }
            int vs = p;
            int ve = p;
            while (true) {
                int c = buf[p] & 0xff;
                if (c == '\r') {
                    break;
                }
                if ((c < 0x20 && c != '\t') || c == 0x7f) {
                    throw new BadRequestException(400, "control character in the value of a header field");
                }
                p++;
                if (c != ' ' && c != '\t') {
                    ve = p;
                }
            }
            if (buf[p + 1] != '\n') {
                throw new BadRequestException(400, "malformed header field: bare CR");
            }
            field(r, ns, ne, vs, ve);
            p += 2;
        }
        if (r.chunked && r.contentLength >= 0) {
            throw new BadRequestException(400, "both Content-Length and Transfer-Encoding: refused (request smuggling)");
        }
        if (r.chunked && r.http10) {
            throw new BadRequestException(400, "Transfer-Encoding in an HTTP/1.0 request");
        }
        if (!r.http10 && r.host == null) {
            throw new BadRequestException(400, "HTTP/1.1 request without a Host header");
        }
        if (r.targetAuthority != null) {
            r.host = r.targetAuthority; // RFC 9112 3.2.2: the target's host, not the Host header
        }
    }

    /**
     * An absolute-form target ({@code http://host[:port]/path?query}, which RFC 9112 3.2.2 says a
     * server must accept): its path and query become the target in origin form, its host:port
     * the request's host. Anything else that does not start with '/' is refused.
     */
    private static void absoluteForm(ClientRequest r, byte[] buf, int t, int end) throws BadRequestException {
        int a = schemeEnd(buf, t, end);
        if (a < 0) {
            throw new BadRequestException(400, "request target must be a path starting with '/' (origin form)"
                    + " or an http(s) URL (absolute form)");
        }
        int path = a;
        while (path < end && buf[path] != '/' && buf[path] != '?') {
            if (buf[path] == '@') {
                throw new BadRequestException(400, "request target with user information is not accepted");
            }
            path++;
        }
        if (path == a) {
            throw new BadRequestException(400, "absolute-form request target without a host");
        }
        r.targetAuthority = new String(buf, a, path - a, StandardCharsets.ISO_8859_1);
        String rest = new String(buf, path, end - path, StandardCharsets.ISO_8859_1);
        r.target = rest.isEmpty() || rest.charAt(0) == '?' ? "/" + rest : rest;
        int q = r.target.indexOf('?');
        r.pathEnd = q < 0 ? r.target.length() : q;
    }

    /** The index just after {@code http://} or {@code https://} (any case) at {@code t}, or -1. */
    private static int schemeEnd(byte[] buf, int t, int end) {
        for (String scheme : new String[] {"http://", "https://"}) {
            int n = scheme.length();
            if (end - t >= n && Latin1.equalsIgnoreCase(buf, t, t + n, scheme)) {
                return t + n;
            }
        }
        return -1;
    }

    private static void field(ClientRequest r, int ns, int ne, int vs, int ve) throws BadRequestException {
        int i = r.fieldCount;
        if (i == ClientRequest.MAX_FIELDS) {
            throw new BadRequestException(431, "more than " + ClientRequest.MAX_FIELDS + " header fields");
        }
        byte[] b = r.buf;
        int id = id(b, ns, ne);
        r.nameStart[i] = ns;
        r.nameEnd[i] = ne;
        r.valueStart[i] = vs;
        r.valueEnd[i] = ve;
        r.ids[i] = id;
        r.fieldCount = i + 1;
        switch (id) {
            case ClientRequest.HOST -> {
                if (r.host != null) {
                    throw new BadRequestException(400, "more than one Host header");
                }
                r.host = r.value(i);
            }
            case ClientRequest.CONTENT_LENGTH -> {
                long n = decimal(b, vs, ve);
                if (r.contentLength >= 0 && r.contentLength != n) {
                    throw new BadRequestException(400, "Content-Length headers disagree");
                }
                r.contentLength = n;
            }
            case ClientRequest.TRANSFER_ENCODING -> {
                if (r.chunked || !Latin1.equalsIgnoreCase(b, vs, ve, "chunked")) {
                    throw new BadRequestException(501, "Transfer-Encoding other than a single 'chunked' is not supported");
                }
                r.chunked = true;
            }
            case ClientRequest.CONNECTION -> connection(r, r.value(i));
            case ClientRequest.EXPECT -> {
                if (!Latin1.equalsIgnoreCase(b, vs, ve, "100-continue")) {
                    throw new BadRequestException(417, "only 'Expect: 100-continue' is supported");
                }
                r.expectContinue = true;
            }
            case ClientRequest.X_REQUEST_ID -> {
                if (r.requestId == null) {
                    r.requestId = r.value(i);
                }
            }
            case ClientRequest.TRACEPARENT -> {
                if (r.traceparent == null) {
                    r.traceparent = r.value(i);
                }
            }
            case ClientRequest.TRACESTATE -> r.tracestate = r.tracestate == null ? r.value(i) : r.tracestate + "," + r.value(i);
            case ClientRequest.X_FORWARDED_FOR ->
                    r.forwardedFor = r.forwardedFor == null ? r.value(i) : r.forwardedFor + ", " + r.value(i);
            default -> {
                // copied upstream or dropped without looking at the value
            }
        }
    }

    private static void connection(ClientRequest r, String value) {
        for (String token : value.split(",")) {
            String t = token.strip();
            if (t.equalsIgnoreCase("close")) {
                r.close = true;
            } else if (t.equalsIgnoreCase("keep-alive")) {
                r.keepAlive = true;
            } else if (!t.isEmpty()) {
                r.connectionToken(t.toLowerCase(Locale.ROOT));
            }
        }
    }

    private static long decimal(byte[] b, int from, int to) throws BadRequestException {
        if (from == to || to - from > 18) {
            throw new BadRequestException(400, "Content-Length must be a decimal number of 1 to 18 digits");
        }
        long n = 0;
        for (int i = from; i < to; i++) {
            if (!digit(b[i])) {
                throw new BadRequestException(400, "Content-Length must be a decimal number of 1 to 18 digits");
            }
            n = n * 10 + (b[i] - '0');
        }
        return n;
    }

    private static boolean digit(byte c) {
        return c >= '0' && c <= '9';
    }

    private static String method(byte[] b, int from, int to) {
        for (String m : METHODS) {
            if (m.length() == to - from && equalsExact(b, from, m)) {
                return m;
            }
        }
        return new String(b, from, to - from, StandardCharsets.ISO_8859_1);
    }

    private static boolean equalsExact(byte[] b, int from, String s) {
        for (int i = 0; i < s.length(); i++) {
            if (b[from + i] != s.charAt(i)) {
                return false;
            }
        }
        return true;
    }
    private static int id(byte[] b, int from, int to) {
        return switch (to - from) {
            case 2 -> Latin1.equalsIgnoreCase(b, from, to, "te") ? ClientRequest.DROPPED : ClientRequest.OTHER;
            case 4 -> Latin1.equalsIgnoreCase(b, from, to, "host") ? ClientRequest.HOST : ClientRequest.OTHER;
            case 6 -> Latin1.equalsIgnoreCase(b, from, to, "expect") ? ClientRequest.EXPECT : ClientRequest.OTHER;
            case 7 -> Latin1.equalsIgnoreCase(b, from, to, "trailer") || Latin1.equalsIgnoreCase(b, from, to, "upgrade")
                    ? ClientRequest.DROPPED : ClientRequest.OTHER;
            case 10 -> Latin1.equalsIgnoreCase(b, from, to, "connection") ? ClientRequest.CONNECTION
                    : Latin1.equalsIgnoreCase(b, from, to, "tracestate") ? ClientRequest.TRACESTATE
                    : Latin1.equalsIgnoreCase(b, from, to, "keep-alive") ? ClientRequest.DROPPED : ClientRequest.OTHER;
            case 11 -> Latin1.equalsIgnoreCase(b, from, to, "traceparent") ? ClientRequest.TRACEPARENT : ClientRequest.OTHER;
            case 12 -> Latin1.equalsIgnoreCase(b, from, to, "x-request-id") ? ClientRequest.X_REQUEST_ID : ClientRequest.OTHER;
            case 14 -> Latin1.equalsIgnoreCase(b, from, to, "content-length") ? ClientRequest.CONTENT_LENGTH : ClientRequest.OTHER;
            case 15 -> Latin1.equalsIgnoreCase(b, from, to, "x-forwarded-for") ? ClientRequest.X_FORWARDED_FOR
                    : Latin1.equalsIgnoreCase(b, from, to, "x-mycelium-edge") ? ClientRequest.DROPPED : ClientRequest.OTHER;
            case 16 -> Latin1.equalsIgnoreCase(b, from, to, "proxy-connection") || Latin1.equalsIgnoreCase(b, from, to, "x-forwarded-host")
                    ? ClientRequest.DROPPED : ClientRequest.OTHER;
            case 17 -> Latin1.equalsIgnoreCase(b, from, to, "transfer-encoding") ? ClientRequest.TRANSFER_ENCODING
                    : Latin1.equalsIgnoreCase(b, from, to, "x-forwarded-proto") ? ClientRequest.DROPPED : ClientRequest.OTHER;
            case 18 -> Latin1.equalsIgnoreCase(b, from, to, "proxy-authenticate") ? ClientRequest.DROPPED : ClientRequest.OTHER;
            case 19 -> Latin1.equalsIgnoreCase(b, from, to, "proxy-authorization") ? ClientRequest.DROPPED : ClientRequest.OTHER;
            default -> ClientRequest.OTHER;
        };
    }
}
