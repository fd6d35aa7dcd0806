package io.mycelium.edge.client;

import io.mycelium.edge.InputBuffer;

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
    private final InputBuffer bytes;
    private int headStart;
    private int headEnd;

    /**
     * @param maxLine longest request line (longer: 414)
     * @param maxHead most bytes of header fields after the request line (more: 431)
     */
    public ClientInput(int maxLine, int maxHead) {
        this.maxLine = maxLine;
        this.maxHead = maxHead;
        int size = Math.max(16 * 1024, maxLine + maxHead + 2 * MAX_EMPTY_LINES + 4);
        this.bytes = new InputBuffer(size, size);
    }

    /**
     * The bytes read and not yet taken: after {@link #findHead()}, the request's body or a
     * pipelined next request. Read into it with {@code compact} only while no parsed head is in use.
     */
    public InputBuffer bytes() {
        return bytes;
    }

    /** Where the last head starts (its request line) in {@code bytes().array()}. */
    public int headStart() {
        return headStart;
    }

    /** Where the last head ends (after its empty line). */
    public int headEnd() {
        return headEnd;
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
        bytes.toFront();
        byte[] buf = bytes.array();
        int lim = bytes.limit();
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
                bytes.skip(headEnd);
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
        if (bytes.full()) {
            throw new BadRequestException(431, "request header fields larger than " + maxHead + " bytes");
        }
        return false;
    }
}
