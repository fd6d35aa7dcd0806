package io.mycelium.edge.upstream;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Parses an HTTP/1.x response head strictly: a well-formed status line, header names made of
 * token characters, values without control characters, consistent framing, and size limits.
 * Anything else is a {@link MalformedResponseException}. Stateless.
 */
final class ResponseHeadParser {

    static final int MAX_LINE = 16 * 1024;
    static final int MAX_HEAD = 64 * 1024;
    static final int MAX_FIELDS = 200;

    private ResponseHeadParser() {
    }

    /**
     * Reads a head, skipping interim 1xx responses other than 101.
     *
     * @return the head, or null when the stream ended before any byte of it
     */
    static ResponseHead read(HttpInput in, boolean headRequest) throws IOException {
        while (true) {
            String statusLine = in.readLine(MAX_LINE, "status line");
            if (statusLine == null) {
                return null;
            }
            int status = parseStatus(statusLine);
            boolean http10 = statusLine.startsWith("HTTP/1.0");
            List<ResponseHead.Field> fields = readFields(in);
            if (status >= 100 && status < 200) {
                if (status == 101) {
                    throw new MalformedResponseException("upstream switched protocols (101) without being asked");
                }
                continue;
            }
            return frame(status, fields, headRequest, http10);
        }
    }

    /** Parses {@code HTTP/1.x NNN reason}. */
    static int parseStatus(String line) throws MalformedResponseException {
        if (line.length() < 12 || !line.startsWith("HTTP/1.") || line.charAt(8) != ' '
                || (line.charAt(7) != '0' && line.charAt(7) != '1')) {
            throw new MalformedResponseException("not an HTTP/1.x status line: " + printable(line));
        }
        int status = 0;
        for (int i = 9; i < 12; i++) {
            char c = line.charAt(i);
            if (c < '0' || c > '9') {
                throw new MalformedResponseException("status code is not 3 digits: " + printable(line));
            }
            status = status * 10 + (c - '0');
        }
        if (status < 100 || (line.length() > 12 && line.charAt(12) != ' ')) {
            throw new MalformedResponseException("bad status line: " + printable(line));
        }
        for (int i = 12; i < line.length(); i++) {
            char c = line.charAt(i);
            if ((c < 0x20 && c != '\t') || c == 0x7f) {
                throw new MalformedResponseException("control character in status line");
            }
        }
        return status;
    }

    private static List<ResponseHead.Field> readFields(HttpInput in) throws IOException {
        List<ResponseHead.Field> fields = new ArrayList<>(16);
        int size = 0;
        while (true) {
            String line = in.readLine(MAX_LINE, "header line");
            if (line == null) {
                throw new java.io.EOFException("end of stream inside the response head");
            }
            if (line.isEmpty()) {
                return fields;
            }
            size += line.length() + 2;
            if (size > MAX_HEAD || fields.size() >= MAX_FIELDS) {
                throw new MalformedResponseException("response head larger than " + MAX_HEAD + " bytes or " + MAX_FIELDS + " fields");
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw new MalformedResponseException("header line without a name: " + printable(line));
            }
            String name = line.substring(0, colon);
            for (int i = 0; i < name.length(); i++) {
                if (!isTokenChar(name.charAt(i))) {
                    throw new MalformedResponseException("bad header name: " + printable(name));
                }
            }
            String value = line.substring(colon + 1).strip();
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                if ((c < 0x20 && c != '\t') || c == 0x7f) {
                    throw new MalformedResponseException("control character in header " + name);
                }
            }
            fields.add(new ResponseHead.Field(name, value));
        }
    }

    private static ResponseHead frame(int status, List<ResponseHead.Field> fields, boolean headRequest,
                                      boolean http10) throws MalformedResponseException {
        long contentLength = -1;
        boolean chunked = false;
        boolean transferEncoding = false;
        boolean close = http10;
        for (ResponseHead.Field f : fields) {
            String name = f.name();
            if (name.equalsIgnoreCase("content-length")) {
                long n = parseLength(f.value());
                if (contentLength >= 0 && contentLength != n) {
                    throw new MalformedResponseException("conflicting Content-Length values");
                }
                contentLength = n;
            } else if (name.equalsIgnoreCase("transfer-encoding")) {
                transferEncoding = true;
                String v = f.value().toLowerCase(Locale.ROOT).strip();
                chunked = v.endsWith("chunked");
            } else if (name.equalsIgnoreCase("connection")) {
                String v = f.value().toLowerCase(Locale.ROOT);
                if (v.contains("close")) {
                    close = true;
                } else if (v.contains("keep-alive") && http10) {
                    close = false;
                }
            }
        }
        boolean noBody = headRequest || status == 204 || status == 304;
        if (transferEncoding) {
            contentLength = -1;
            if (!chunked) {
                close = true;
            }
        }
        if (!noBody && !chunked && contentLength < 0) {
            close = true;
        }
        return new ResponseHead(status, fields, contentLength, chunked, noBody, !close);
    }

    private static long parseLength(String v) throws MalformedResponseException {
        if (v.isEmpty() || v.length() > 18) {
            throw new MalformedResponseException("bad Content-Length: " + printable(v));
        }
        long n = 0;
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c < '0' || c > '9') {
                throw new MalformedResponseException("bad Content-Length: " + printable(v));
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
