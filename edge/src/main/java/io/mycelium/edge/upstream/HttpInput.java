package io.mycelium.edge.upstream;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * A buffered reader over an upstream socket that can read CRLF lines (for the head) and raw
 * bytes (for the body), counting every byte received. Not thread-safe: one exchange at a time.
 */
final class HttpInput {

    private final InputStream in;
    private byte[] buf;
    private int pos;
    private int lim;
    private long total;
    private BeforeBlock beforeBlock;
    private Runnable onProgress = () -> { };

    /** Called when a read is about to block on the socket (to flush what was relayed so far). */
    @FunctionalInterface
    interface BeforeBlock {
        void run() throws IOException;
    }

    HttpInput(InputStream in, int bufferSize) {
        this.in = in;
        this.buf = new byte[bufferSize];
    }

    /** Bytes received from the socket so far (over the connection's life). */
    long total() {
        return total;
    }

    /** Whether buffered bytes remain. */
    boolean hasBuffered() {
        return pos < lim;
    }

    int available() throws IOException {
        return (lim - pos) + in.available();
    }

    void onProgress(Runnable hook) {
        this.onProgress = hook;
    }

    void beforeBlock(BeforeBlock hook) {
        this.beforeBlock = hook;
    }

    private void maybeBlocking() throws IOException {
        if (beforeBlock != null && in.available() == 0) {
            beforeBlock.run();
        }
    }

    private int fill() throws IOException {
        maybeBlocking();
        pos = 0;
        lim = 0;
        int n = in.read(buf, 0, buf.length);
        if (n > 0) {
            lim = n;
            total += n;
            onProgress.run();
        }
        return n;
    }

    /**
     * Reads one line without its CRLF (a bare LF is accepted too).
     *
     * @param max   the most bytes a line may have
     * @param limit what the line is, for the error message
     * @return the line, or null at end of stream before any byte of it
     */
    String readLine(int max, String limit) throws IOException {
        StringBuilder line = null;
        while (true) {
            if (pos >= lim && fill() < 0) {
                if (line == null) {
                    return null;
                }
                throw new java.io.EOFException("end of stream inside " + limit);
            }
            int start = pos;
            while (pos < lim && buf[pos] != '\n') {
                pos++;
            }
            int len = pos - start;
            if (line == null && pos < lim) {
                if (len > max) {
                    throw new MalformedResponseException(limit + " longer than " + max + " bytes");
                }
                pos++;
                int end = len > 0 && buf[start + len - 1] == '\r' ? len - 1 : len;
                return new String(buf, start, end, StandardCharsets.ISO_8859_1);
            }
            if (line == null) {
                line = new StringBuilder(Math.max(len, 16));
            }
            if (line.length() + len > max) {
                throw new MalformedResponseException(limit + " longer than " + max + " bytes");
            }
            line.append(new String(buf, start, len, StandardCharsets.ISO_8859_1));
            if (pos < lim) {
                pos++;
                int n = line.length();
                if (n > 0 && line.charAt(n - 1) == '\r') {
                    line.setLength(n - 1);
                }
                return line.toString();
            }
        }
    }

    /**
     * Makes sure one whole line (up to and including its LF) is buffered, reading more and
     * compacting the buffer as needed, so that it can be parsed in place.
     *
     * @param max  the most bytes a line may have before its LF
     * @param what what the line is, for the error message
     * @return the index in {@link #buffer()} of the line's LF (the line starts at
     *         {@link #position()}), or -1 at end of stream before any byte of it
     */
    int lineEnd(int max, String what) throws IOException {
        int scanFrom = pos;
        while (true) {
            for (int i = scanFrom; i < lim; i++) {
                if (buf[i] == '\n') {
                    if (i - pos > max) {
                        throw new MalformedResponseException(what + " longer than " + max + " bytes");
                    }
                    return i;
                }
            }
            int have = lim - pos;
            if (have > max) {
                throw new MalformedResponseException(what + " longer than " + max + " bytes");
            }
            if (pos > 0) {
                System.arraycopy(buf, pos, buf, 0, have);
                pos = 0;
                lim = have;
            }
            if (lim == buf.length) {
                buf = java.util.Arrays.copyOf(buf, buf.length * 2);
            }
            scanFrom = lim;
            maybeBlocking();
            int n = in.read(buf, lim, buf.length - lim);
            if (n < 0) {
                if (have == 0) {
                    return -1;
                }
                throw new java.io.EOFException("end of stream inside " + what);
            }
            lim += n;
            total += n;
            onProgress.run();
        }
    }

    /** The buffer that {@link #lineEnd} found a line in. */
    byte[] buffer() {
        return buf;
    }

    /** Where the next unread buffered byte is. */
    int position() {
        return pos;
    }

    /** Marks the buffered bytes before {@code newPosition} as read. */
    void skipTo(int newPosition) {
        if (newPosition < pos || newPosition > lim) {
            throw new IllegalArgumentException("position " + newPosition + " outside " + pos + ".." + lim);
        }
        pos = newPosition;
    }

    /** Reads up to {@code len} bytes; -1 at end of stream. */
    int read(byte[] b, int off, int len) throws IOException {
        if (pos < lim) {
            int n = Math.min(len, lim - pos);
            System.arraycopy(buf, pos, b, off, n);
            pos += n;
            return n;
        }
        maybeBlocking();
        int n = in.read(b, off, len);
        if (n > 0) {
            total += n;
            onProgress.run();
        }
        return n;
    }
}
