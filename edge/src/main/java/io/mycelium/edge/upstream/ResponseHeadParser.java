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

    /**
     * Reads header lines up to the empty line, parsing each in place in the input's buffer
     * (no intermediate line string: one string for the name and one for the value).
     */
    private static List<ResponseHead.Field> readFields(HttpInput in) throws IOException {
        List<ResponseHead.Field> fields = new ArrayList<>(16);
        int size = 0;
        while (true) {
            int lf = in.lineEnd(MAX_LINE, "header line");
            if (lf < 0) {
                throw new java.io.EOFException("end of stream inside the response head");
            }
            byte[] b = in.buffer();
            int start = in.position();
            int end = lf > start && b[lf - 1] == '\r' ? lf - 1 : lf;
            in.skipTo(lf + 1);
            if (end == start) {
                return fields;
            }
            size += end - start + 2;
            if (size > MAX_HEAD || fields.size() >= MAX_FIELDS) {
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
            fields.add(new ResponseHead.Field(latin1(b, start, colon), latin1(b, from, to)));
        }
    }

    private static String latin1(byte[] b, int from, int to) {
        return new String(b, from, to - from, java.nio.charset.StandardCharsets.ISO_8859_1);
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
