package io.mycelium.edge.upstream;

import io.mycelium.edge.Latin1;
import io.mycelium.edge.OutputBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses an HTTP/1.x response head strictly: a well-formed status line, header names made of
 * token characters, values without control characters, consistent framing, and size limits.
 * Anything else is a {@link MalformedResponseException}. It parses in place in the upstream
 * connection's input buffer and can be called again as more bytes arrive. Not thread-safe: one
 * per upstream connection.
 */
final class ResponseHeadParser {

    static final int MAX_LINE = 16 * 1024;
    static final int MAX_HEAD = 64 * 1024;
    static final int MAX_FIELDS = 200;

    /** Where the last head parsed ends (the first byte of its body). */
    private int end;
    private int pos;

    /** The index after the last head {@link #parse} returned (where its body starts). */
    int end() {
        return end;
    }

    /**
     * Parses the response head at {@code b[from..to)}, skipping interim 1xx heads other than 101.
     * With {@code relay}, no field strings are made: the fields a proxy passes on (all but
     * hop-by-hop ones, framing, Date, Server and X-Request-Id) are copied into it as
     * {@code name: value} CRLF lines, as received, and the head's field list is empty.
     *
     * @return the head (its end is {@link #end()}), or null when the bytes stop before it does
     *         (call again with more)
     * @throws MalformedResponseException not a well-formed HTTP/1.x response head, or over a limit
     */
    ResponseHead parse(byte[] b, int from, int to, boolean headRequest, OutputBuffer relay)
            throws MalformedResponseException {
        pos = from;
        while (true) {
            int lf = lineEnd(b, to, MAX_LINE, "status line");
            if (lf < 0) {
                return null;
            }
            int start = pos;
            int lineEnd = lf > start && b[lf - 1] == '\r' ? lf - 1 : lf;
            int status = parseStatus(b, start, lineEnd);
            boolean http10 = b[start + 7] == '0';
            pos = lf + 1;
            if (relay != null) {
                relay.reset();
            }
            Framing framing = new Framing(http10);
            List<ResponseHead.Field> fields = readFields(b, to, framing, relay);
            if (fields == null) {
                return null;
            }
            if (status >= 100 && status < 200) {
                if (status == 101) {
                    throw new MalformedResponseException("upstream switched protocols (101) without being asked");
                }
                continue;
            }
            end = pos;
            return framing.head(status, fields, headRequest);
        }
    }

    /** Parses a whole head given as a string, with its fields as strings (tests and tools). */
    static ResponseHead parse(String head, boolean headRequest) throws MalformedResponseException {
        byte[] b = head.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        return new ResponseHeadParser().parse(b, 0, b.length, headRequest, null);
    }

    /** The index of the LF ending the line at {@link #pos}, or -1 when it is not all there. */
    private int lineEnd(byte[] b, int to, int max, String what) throws MalformedResponseException {
        for (int i = pos; i < to; i++) {
            if (b[i] == '\n') {
                if (i - pos > max) {
                    throw new MalformedResponseException(what + " longer than " + max + " bytes");
                }
                return i;
            }
        }
        if (to - pos > max) {
            throw new MalformedResponseException(what + " longer than " + max + " bytes");
        }
        return -1;
    }

    /** Parses {@code HTTP/1.x NNN reason}. */
    static int parseStatus(String line) throws MalformedResponseException {
        byte[] b = line.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        return parseStatus(b, 0, b.length);
    }

    private static int parseStatus(byte[] b, int start, int end) throws MalformedResponseException {
        int len = end - start;
        if (len < 12 || b[start] != 'H' || b[start + 1] != 'T' || b[start + 2] != 'T' || b[start + 3] != 'P'
                || b[start + 4] != '/' || b[start + 5] != '1' || b[start + 6] != '.' || b[start + 8] != ' '
                || (b[start + 7] != '0' && b[start + 7] != '1')) {
            throw new MalformedResponseException("not an HTTP/1.x status line: " + printable(latin1(b, start, end)));
        }
        int status = 0;
        for (int i = start + 9; i < start + 12; i++) {
            int c = b[i];
            if (c < '0' || c > '9') {
                throw new MalformedResponseException("status code is not 3 digits: " + printable(latin1(b, start, end)));
            }
            status = status * 10 + (c - '0');
        }
        if (status < 100 || (len > 12 && b[start + 12] != ' ')) {
            throw new MalformedResponseException("bad status line: " + printable(latin1(b, start, end)));
        }
        for (int i = start + 12; i < end; i++) {
            int c = b[i] & 0xff;
            if ((c < 0x20 && c != '\t') || c == 0x7f) {
                throw new MalformedResponseException("control character in status line");
            }
        }
        return status;
    }

    /** The framing a head's fields declare, gathered while they are parsed. */
    private static final class Framing {
        long contentLength = -1;
        boolean chunked;
        boolean transferEncoding;
        boolean close;
        /** Whether a {@code close} token was seen (a {@code keep-alive} then changes nothing). */
        boolean closeToken;
        final boolean http10;

        Framing(boolean http10) {
            this.http10 = http10;
            this.close = http10;
        }

        ResponseHead head(int status, List<ResponseHead.Field> fields, boolean headRequest) {
            boolean noBody = headRequest || status == 204 || status == 304;
            long length = contentLength;
            boolean closeAfter = close;
            if (transferEncoding) {
                length = -1;
                if (!chunked) {
                    closeAfter = true;
                }
            }
            if (!noBody && !chunked && length < 0) {
                closeAfter = true;
            }
            return new ResponseHead(status, fields, length, chunked, noBody, !closeAfter);
        }
    }

    private static final int OTHER = 0;
    private static final int CONTENT_LENGTH = 1;
    private static final int TRANSFER_ENCODING = 2;
    private static final int CONNECTION = 3;
    /** Not relayed: hop-by-hop, or redone by the edge (Date, Server and X-Request-Id as nginx does). */
    private static final int NOT_RELAYED = 4;

    private static int fieldId(byte[] b, int from, int to) {
        return switch (to - from) {
            case 2 -> Latin1.equalsIgnoreCase(b, from, to, "te") ? NOT_RELAYED : OTHER;
            case 4 -> Latin1.equalsIgnoreCase(b, from, to, "date") ? NOT_RELAYED : OTHER;
            case 6 -> Latin1.equalsIgnoreCase(b, from, to, "server") ? NOT_RELAYED : OTHER;
            case 7 -> Latin1.equalsIgnoreCase(b, from, to, "trailer") || Latin1.equalsIgnoreCase(b, from, to, "upgrade") ? NOT_RELAYED : OTHER;
            case 10 -> Latin1.equalsIgnoreCase(b, from, to, "connection") ? CONNECTION : Latin1.equalsIgnoreCase(b, from, to, "keep-alive") ? NOT_RELAYED : OTHER;
            case 12 -> Latin1.equalsIgnoreCase(b, from, to, "x-request-id") ? NOT_RELAYED : OTHER;
            case 14 -> Latin1.equalsIgnoreCase(b, from, to, "content-length") ? CONTENT_LENGTH : OTHER;
            case 16 -> Latin1.equalsIgnoreCase(b, from, to, "proxy-connection") ? NOT_RELAYED : OTHER;
            case 17 -> Latin1.equalsIgnoreCase(b, from, to, "transfer-encoding") ? TRANSFER_ENCODING : OTHER;
            default -> OTHER;
        };
    }

    /**
     * Reads header lines up to the empty line, parsing each in place in the input's buffer (no
     * line string; name and value strings only without {@code relay}).
     */
    private List<ResponseHead.Field> readFields(byte[] b, int limit, Framing framing, OutputBuffer relay)
            throws MalformedResponseException {
        List<ResponseHead.Field> fields = relay == null ? new ArrayList<>(16) : List.of();
        int size = 0;
        int count = 0;
        while (true) {
            int lf = lineEnd(b, limit, MAX_LINE, "header line");
            if (lf < 0) {
                if (limit - pos + size > MAX_HEAD) {
                    throw new MalformedResponseException("response head larger than " + MAX_HEAD + " bytes");
                }
                return null;
            }
            int start = pos;
            int end = lf > start && b[lf - 1] == '\r' ? lf - 1 : lf;
            pos = lf + 1;
            if (end == start) {
                return fields;
            }
            size += end - start + 2;
            if (size > MAX_HEAD || count++ >= MAX_FIELDS) {
                throw new MalformedResponseException("response head larger than " + MAX_HEAD + " bytes or " + MAX_FIELDS + " fields");
            }
            int colon = start;
            while (colon < end && b[colon] != ':') {
                colon++;
            }
            if (colon == end || colon == start) {
                throw new MalformedResponseException("header line without a name: " + printable(latin1(b, start, end)));
            }
            for (int i = start; i < colon; i++) {
                if (!isTokenChar((char) (b[i] & 0xff))) {
                    throw new MalformedResponseException("bad header name: " + printable(latin1(b, start, colon)));
                }
            }
            // the same trimming as String.strip() (Latin-1 whitespace)
            int from = colon + 1;
            int to = end;
            while (from < to && Character.isWhitespace((char) (b[from] & 0xff))) {
                from++;
            }
            while (to > from && Character.isWhitespace((char) (b[to - 1] & 0xff))) {
                to--;
            }
            for (int i = from; i < to; i++) {
                int c = b[i] & 0xff;
                if ((c < 0x20 && c != '\t') || c == 0x7f) {
                    throw new MalformedResponseException("control character in header " + latin1(b, start, colon));
                }
            }
            int id = fieldId(b, start, colon);
            switch (id) {
                case CONTENT_LENGTH -> {
                    long n = parseLength(b, from, to);
                    if (framing.contentLength >= 0 && framing.contentLength != n) {
                        throw new MalformedResponseException("conflicting Content-Length values");
                    }
                    framing.contentLength = n;
                }
                case TRANSFER_ENCODING -> {
                    framing.transferEncoding = true;
                    framing.chunked = to - from >= 7 && Latin1.equalsIgnoreCase(b, to - 7, to, "chunked");
                }
                case CONNECTION -> connectionTokens(b, from, to, framing);
                default -> {
                    // relayed or dropped below
                }
            }
            if (relay == null) {
                fields.add(new ResponseHead.Field(latin1(b, start, colon), latin1(b, from, to)));
            } else if (id == OTHER) {
                relay.append(b, start, to - start).crlf();
            }
        }
    }

    /** Reads the Connection field's comma-separated tokens: {@code close}, and {@code keep-alive} for HTTP/1.0. */
    private static void connectionTokens(byte[] b, int from, int to, Framing framing) {
        int start = from;
        for (int i = from; i <= to; i++) {
            if (i == to || b[i] == ',') {
                int s = start;
                int e = i;
                while (s < e && (b[s] == ' ' || b[s] == '\t')) {
                    s++;
                }
                while (e > s && (b[e - 1] == ' ' || b[e - 1] == '\t')) {
                    e--;
                }
                if (Latin1.equalsIgnoreCase(b, s, e, "close")) {
                    framing.close = true;
                    framing.closeToken = true;
                } else if (framing.http10 && !framing.closeToken && Latin1.equalsIgnoreCase(b, s, e, "keep-alive")) {
                    framing.close = false;
                }
                start = i + 1;
            }
        }
    }

    private static String latin1(byte[] b, int from, int to) {
        return new String(b, from, to - from, java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    private static long parseLength(byte[] b, int from, int to) throws MalformedResponseException {
        if (to == from || to - from > 18) {
            throw new MalformedResponseException("bad Content-Length: " + printable(latin1(b, from, to)));
        }
        long n = 0;
        for (int i = from; i < to; i++) {
            int c = b[i];
            if (c < '0' || c > '9') {
                throw new MalformedResponseException("bad Content-Length: " + printable(latin1(b, from, to)));
            }
            n = n * 10 + (c - '0');
        }
        return n;
    }

    private static final boolean[] TOKEN = new boolean[128];

    static {
        for (char c = 'a'; c <= 'z'; c++) {
            TOKEN[c] = true;
            TOKEN[Character.toUpperCase(c)] = true;
        }
        for (char c = '0'; c <= '9'; c++) {
            TOKEN[c] = true;
        }
        for (char c : "!#$%&'*+-.^_`|~".toCharArray()) {
            TOKEN[c] = true;
        }
    }

    private static boolean isTokenChar(char c) {
        return c < 128 && TOKEN[c];
    }

    static String printable(String s) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length() && i < 60; i++) {
            char c = s.charAt(i);
            b.append(c >= 0x20 && c < 0x7f ? c : '?');
        }
        return b.toString();
    }
}
