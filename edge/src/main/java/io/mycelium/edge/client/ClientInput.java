package io.mycelium.edge.client;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;

/**
 * The input buffer of one client connection: bytes read from the socket as they arrive, in which
 * complete request heads are found (enforcing the size limits while they arrive, so an oversized
 * head is refused before it is all read) and parsed in place. Bytes after a head (its body, or a
 * pipelined next request) stay buffered for whoever takes them next. Not thread-safe: the
 * connection's event loop.
 */
public final class ClientInput {

    private static final int MAX_EMPTY_LINES = 8;

    private final int maxLine;
    private final int maxHead;
    private final byte[] buf;
    private int pos;
    private int lim;
    private int headStart;
    private int headEnd;

    /**
     * @param maxLine longest request line (longer: 414)
     * @param maxHead most bytes of header fields after the request line (more: 431)
     */
    public ClientInput(int maxLine, int maxHead) {
        this.maxLine = maxLine;
        this.maxHead = maxHead;
        this.buf = new byte[Math.max(16 * 1024, maxLine + maxHead + 2 * MAX_EMPTY_LINES + 4)];
    }

    /**
     * Reads what {@code channel} has into the free space at the end of the buffer, through
     * {@code io} (any buffer; the event loop's direct one). With {@code compact}, the unread
     * bytes are first moved to the front when the end is full (only allowed while no parsed head
     * refers to the buffer).
     *
     * @return the bytes read; 0 when nothing is there or the buffer is full; -1 at end of stream
     */
    public int readFrom(ReadableByteChannel channel, boolean compact, ByteBuffer io) throws IOException {
        if (pos == lim && compact) {
            pos = 0;
            lim = 0;
        } else if (lim == buf.length && pos > 0 && compact) {
            System.arraycopy(buf, pos, buf, 0, lim - pos);
            lim -= pos;
            pos = 0;
        }
        if (lim == buf.length) {
            return 0;
        }
        io.clear().limit(Math.min(io.capacity(), buf.length - lim));
        int n = channel.read(io);
        if (n > 0) {
            io.flip().get(buf, lim, n);
            lim += n;
        }
        return n;
    }

    /** Whether a read could take more bytes ({@code compact} as in {@link #readFrom}). */
    public boolean hasSpace(boolean compact) {
        return lim < buf.length || (compact && pos > 0);
    }

    /** The buffer: the last head, and the unread bytes from {@link #position()}. */
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

    /** The first unread byte. */
    public int position() {
        return pos;
    }

    /** Unread bytes. */
    public int buffered() {
        return lim - pos;
    }

    /** Marks {@code n} unread bytes as read. */
    public void skip(int n) {
        if (n < 0 || n > lim - pos) {
            throw new IllegalArgumentException("cannot skip " + n + " of " + (lim - pos) + " bytes");
        }
        pos += n;
    }

    /**
     * Looks for a complete head among the unread bytes, skipping a few empty lines before it (RFC
     * 9112 2.2), and marks it read when found. The unread bytes are moved to the front first.
     *
     * @return true when a head is there ({@link #headStart()}..{@link #headEnd()}); false when
     *         more bytes are needed
     * @throws BadRequestException a bare LF (400), a request line over the limit (414), a head
     *                             over the limit (431)
     */
    public boolean findHead() throws BadRequestException {
        if (pos == lim) {
            pos = 0;
            lim = 0;
            return false;
        } else if (pos > 0) {
            System.arraycopy(buf, pos, buf, 0, lim - pos);
            lim -= pos;
            pos = 0;
        }
        int start = 0;
        int lineStart = 0;
        boolean firstLine = true;
        int fieldsStart = 0;
        int empty = 0;
        for (int scan = 0; scan < lim; scan++) {
            if (buf[scan] != '\n') {
                continue;
            }
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
        if (firstLine && lim - start > maxLine) {
            throw new BadRequestException(414, "request line longer than " + maxLine + " bytes");
        }
        if (!firstLine && lim - fieldsStart > maxHead) {
            throw new BadRequestException(431, "request header fields larger than " + maxHead + " bytes");
        }
        if (lim == buf.length) {
            throw new BadRequestException(431, "request header fields larger than " + maxHead + " bytes");
        }
        return false;
    }
}
