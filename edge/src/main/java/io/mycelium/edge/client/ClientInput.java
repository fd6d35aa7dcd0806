package io.mycelium.edge.client;

import io.mycelium.edge.upstream.ClientGoneException;
import java.io.IOException;
import java.io.OutputStream;

/**
 * The buffered input of one client connection: finds complete request heads (enforcing the size
 * limits while they arrive, so an oversized head is refused before it is all read), then reads
 * the request's body, fixed-length or chunked. Bytes after a request (a pipelined next request)
 * stay buffered for the next {@link #readHead}. Not thread-safe: the connection's own thread.
 */
public final class ClientInput {

    /** Where the bytes come from. */
    @FunctionalInterface
    public interface Source {
        /** Reads up to {@code len} bytes into {@code b}; -1 at end of stream. */
        int read(byte[] b, int off, int len) throws IOException;
    }

    private static final int MAX_EMPTY_LINES = 8;
    private static final int MAX_CHUNK_LINE = 4096;
    private static final int MAX_TRAILERS = 16 * 1024;

    private final Source source;
    private final int maxLine;
    private final int maxHead;
    private final byte[] buf;
    private int pos;
    private int lim;
    private int headStart;
    private int headEnd;
    private OutputStream flushBeforeBlock;

    /**
     * @param maxLine longest request line (longer: 414)
     * @param maxHead most bytes of header fields after the request line (more: 431)
     */
    public ClientInput(Source source, int maxLine, int maxHead) {
        this.source = source;
        this.maxLine = maxLine;
        this.maxHead = maxHead;
        this.buf = new byte[Math.max(16 * 1024, maxLine + maxHead + 2 * MAX_EMPTY_LINES + 4)];
    }

    /** The buffer holding the last head. */
    public byte[] buffer() {
        return buf;
    }

    /** Where the last head starts (its request line). */
    public int headStart() {
        return headStart;
    }

    /** Where the last head ends (after its empty line). */
    public int headEnd() {
        return headEnd;
    }

    /** Whether bytes of a next request are already buffered. */
    public boolean hasBuffered() {
        return pos < lim;
    }

    /**
     * Reads until a complete head is buffered, skipping a few empty lines before it (RFC 9112
     * 2.2), and marks it read.
     *
     * @return false when the client closed the connection before or inside a head
     * @throws BadRequestException a bare LF (400), a request line over the limit (414), a head
     *                             over the limit (431)
     */
    public boolean readHead() throws IOException, BadRequestException {
        if (pos == lim) {
            pos = 0;
            lim = 0;
        } else if (pos > 0) {
            System.arraycopy(buf, pos, buf, 0, lim - pos);
            lim -= pos;
            pos = 0;
        }
        int start = 0;
        int scan = 0;
        int lineStart = 0;
        boolean firstLine = true;
        int fieldsStart = 0;
        int empty = 0;
        while (true) {
            while (scan < lim) {
                if (buf[scan] == '\n') {
                    if (scan == lineStart || buf[scan - 1] != '\r') {
                        throw new BadRequestException(400, "bare LF in the request head: lines must end with CRLF");
                    }
                    if (firstLine) {
                        if (scan - 1 == start) {
                            if (++empty > MAX_EMPTY_LINES) {
                                throw new BadRequestException(400, "too many empty lines before the request line");
                            }
                            start = scan + 1;
                        } else {
                            if (scan - 1 - start > maxLine) {
                                throw new BadRequestException(414, "request line longer than " + maxLine + " bytes");
                            }
                            firstLine = false;
                            fieldsStart = scan + 1;
                        }
                    } else if (scan - 1 == lineStart) {
                        // checked here too: a head that arrives in one read never reaches the
                        // checks between reads below
                        if (scan + 1 - fieldsStart > maxHead) {
                            throw new BadRequestException(431, "request header fields larger than " + maxHead + " bytes");
                        }
                        headStart = start;
                        headEnd = scan + 1;
                        pos = headEnd;
                        return true;
                    }
                    lineStart = scan + 1;
                }
                scan++;
            }
            if (firstLine && lim - start > maxLine) {
                throw new BadRequestException(414, "request line longer than " + maxLine + " bytes");
            }
            if (!firstLine && lim - fieldsStart > maxHead) {
                throw new BadRequestException(431, "request header fields larger than " + maxHead + " bytes");
            }
            if (lim == buf.length) {
                throw new BadRequestException(431, "request header fields larger than " + maxHead + " bytes");
            }
            int n = source.read(buf, lim, buf.length - lim);
            if (n < 0) {
                return false;
            }
            lim += n;
        }
    }

    /** Reads one byte of the body; -1 at end of stream. */
    private int readByte() throws IOException {
        if (pos == lim) {
            if (flushBeforeBlock != null) {
                // what was decoded so far goes upstream before waiting for the client
                flushBeforeBlock.flush();
            }
            if (fill() < 0) {
                return -1;
            }
        }
        return buf[pos++] & 0xff;
    }

    private int fill() throws IOException {
        pos = 0;
        lim = 0;
        int n = source.read(buf, 0, buf.length);
        if (n > 0) {
            lim = n;
        }
        return n;
    }

    /**
     * Copies a fixed-length body to {@code to}, flushing it whenever nothing more is buffered
     * (so a slow upload streams).
     *
     * @throws ClientGoneException when the client closes before the whole body
     */
    public void copyFixed(long length, OutputStream to) throws IOException {
        long left = length;
        while (left > 0) {
            if (pos == lim) {
                to.flush();
                if (fill() < 0) {
                    throw new ClientGoneException("client closed after " + (length - left) + " of " + length + " body bytes", null);
                }
            }
            int n = (int) Math.min(left, lim - pos);
            to.write(buf, pos, n);
            pos += n;
            left -= n;
        }
    }

    /**
     * Decodes a chunked body and writes its data to {@code to} (the caller re-frames it);
     * trailers are read and dropped.
     *
     * @return the number of data bytes
     * @throws BadRequestException malformed chunk framing (400)
     * @throws ClientGoneException        when the client closes inside the body
     */
    public long copyChunked(OutputStream to) throws IOException, BadRequestException {
        long total = 0;
        flushBeforeBlock = to;
        try {
            while (true) {
                long size = chunkSize();
                if (size == 0) {
                    trailers();
                    return total;
                }
                copyFixed(size, to);
                total += size;
                crlf("chunk data");
            }
        } finally {
            flushBeforeBlock = null;
        }
    }

    private long chunkSize() throws IOException, BadRequestException {
        long size = 0;
        int digits = 0;
        int c;
        while (true) {
            c = need("chunk size");
            int v = Character.digit(c, 16);
            if (v < 0) {
                break;
            }
            if (++digits > 15) {
                throw new BadRequestException(400, "chunk size longer than 15 hex digits");
            }
            size = size * 16 + v;
        }
        if (digits == 0) {
            throw new BadRequestException(400, "malformed chunk size");
        }
        int ext = 0;
        if (c == ';') {
            // a chunk extension: skipped, bounded, no control characters
            while ((c = need("chunk extension")) != '\r') {
                if ((c < 0x20 && c != '\t') || c == 0x7f || ++ext > MAX_CHUNK_LINE) {
                    throw new BadRequestException(400, "malformed chunk extension");
                }
            }
        }
        if (c != '\r' || need("chunk size") != '\n') {
            throw new BadRequestException(400, "chunk size line must end with CRLF");
        }
        return size;
    }

    private void crlf(String after) throws IOException, BadRequestException {
        if (need(after) != '\r' || need(after) != '\n') {
            throw new BadRequestException(400, after + " not followed by CRLF");
        }
    }

    private void trailers() throws IOException, BadRequestException {
        int total = 0;
        boolean lineEmpty = true;
        while (true) {
            int c = need("trailer");
            if (c == '\r') {
                if (need("trailer") != '\n') {
                    throw new BadRequestException(400, "bare CR in the trailer section");
                }
                if (lineEmpty) {
                    return;
                }
                lineEmpty = true;
            } else if ((c < 0x20 && c != '\t') || c == 0x7f) {
                throw new BadRequestException(400, "control character in the trailer section");
            } else {
                lineEmpty = false;
            }
            if (++total > MAX_TRAILERS) {
                throw new BadRequestException(431, "trailer section larger than " + MAX_TRAILERS + " bytes");
            }
        }
    }

    private int need(String what) throws IOException {
        int c = readByte();
        if (c < 0) {
            throw new ClientGoneException("client closed inside the " + what, null);
        }
        return c;
    }
}
