package io.mycelium.edge;

/**
 * Decodes a chunked body (RFC 9112 7.1) as its bytes arrive, in whatever pieces: each call takes
 * what it can and hands the chunk data on, so a body is streamed and never held whole. Chunk
 * extensions and trailers are read, bounded and dropped (the side that sends the body on frames
 * it again). Strict mode (a client's body) wants CRLF line ends; lenient mode (an upstream's
 * body) also takes a bare LF and blanks around the size. Not thread-safe: one body at a time.
 */
public final class ChunkDecoder {

    /** Receives chunk data; the bytes are only valid during the call. */
    @FunctionalInterface
    public interface Data {
        void accept(byte[] b, int off, int len);
    }

    /** Malformed chunk framing. */
    public static final class ChunkException extends Exception {
        private static final long serialVersionUID = 1L;
        private final boolean tooLarge;

        ChunkException(String message, boolean tooLarge) {
            super(message, null, false, false);
            this.tooLarge = tooLarge;
        }

        /** Whether a size limit was passed (rather than the syntax broken). */
        public boolean tooLarge() {
            return tooLarge;
        }
    }

    private static final int MAX_DIGITS = 15;
    private static final int MAX_EXTENSION = 4096;
    private static final int MAX_TRAILERS = 16 * 1024;

    private enum State { SIZE, SIZE_BLANK, EXTENSION, SIZE_LF, DATA, DATA_CR, DATA_LF, TRAILER, TRAILER_LF, DONE }

    private final boolean lenient;
    private State state = State.SIZE;
    private long size;
    private int digits;
    private int extension;
    private int trailerBytes;
    private boolean trailerLineEmpty = true;
    private long decoded;

    /** @param lenient accept a bare LF as a line end and blanks around the chunk size */
    public ChunkDecoder(boolean lenient) {
        this.lenient = lenient;
    }

    /** Whether the last chunk and the trailers have been read. */
    public boolean done() {
        return state == State.DONE;
    }

    /** Data bytes decoded so far. */
    public long decoded() {
        return decoded;
    }

    /**
     * Decodes from {@code b[from..to)} and stops at the end of the body.
     *
     * @return the index after the last byte taken ({@code to} unless the body ended before it)
     */
    public int decode(byte[] b, int from, int to, Data out) throws ChunkException {
        int i = from;
        while (i < to && state != State.DONE) {
            if (state == State.DATA) {
                int n = (int) Math.min(size, to - i);
                out.accept(b, i, n);
                decoded += n;
                size -= n;
                i += n;
                if (size == 0) {
                    state = State.DATA_CR;
                }
                continue;
            }
            step(b[i++] & 0xff);
        }
        return i;
    }

    private void step(int c) throws ChunkException {
        switch (state) {
            case SIZE -> size(c);
            case SIZE_BLANK -> {
                if (c == ' ' || c == '\t') {
                    return;
                }
                afterSize(c);
            }
            case EXTENSION -> {
                if (c == '\r') {
                    state = State.SIZE_LF;
                } else if (c == '\n' && lenient) {
                    endOfSizeLine();
                } else if ((c < 0x20 && c != '\t') || c == 0x7f || ++extension > MAX_EXTENSION) {
                    throw new ChunkException("malformed chunk extension", false);
                }
            }
            case SIZE_LF -> {
                if (c != '\n') {
                    throw new ChunkException("chunk size line must end with CRLF", false);
                }
                endOfSizeLine();
            }
            case DATA_CR -> {
                if (c == '\r') {
                    state = State.DATA_LF;
                } else if (c == '\n' && lenient) {
                    state = State.SIZE;
                } else {
                    throw new ChunkException("chunk data not followed by CRLF", false);
                }
            }
            case DATA_LF -> {
                if (c != '\n') {
                    throw new ChunkException("chunk data not followed by CRLF", false);
                }
                state = State.SIZE;
            }
            case TRAILER -> trailer(c);
            case TRAILER_LF -> {
                if (c != '\n') {
                    throw new ChunkException("bare CR in the trailer section", false);
                }
                endOfTrailerLine();
            }
            default -> throw new IllegalStateException(state.name());
        }
    }

    private void size(int c) throws ChunkException {
        int v = hex(c);
        if (v >= 0) {
            if (++digits > MAX_DIGITS) {
                throw new ChunkException("chunk size longer than " + MAX_DIGITS + " hex digits", false);
            }
            size = size * 16 + v;
            return;
        }
        if (digits == 0) {
            if (lenient && (c == ' ' || c == '\t')) {
                return;
            }
            throw new ChunkException("malformed chunk size", false);
        }
        if (lenient && (c == ' ' || c == '\t')) {
            state = State.SIZE_BLANK;
            return;
        }
        afterSize(c);
    }

    private void afterSize(int c) throws ChunkException {
        if (c == ';') {
            state = State.EXTENSION;
        } else if (c == '\r') {
            state = State.SIZE_LF;
        } else if (c == '\n' && lenient) {
            endOfSizeLine();
        } else {
            throw new ChunkException("malformed chunk size", false);
        }
    }

    private void endOfSizeLine() {
        digits = 0;
        extension = 0;
        if (size == 0) {
            state = State.TRAILER;
            trailerLineEmpty = true;
        } else {
            state = State.DATA;
        }
    }

    private void trailer(int c) throws ChunkException {
        if (c == '\r') {
            state = State.TRAILER_LF;
            return;
        }
        if (c == '\n' && lenient) {
            endOfTrailerLine();
            return;
        }
        if ((c < 0x20 && c != '\t') || c == 0x7f) {
            throw new ChunkException("control character in the trailer section", false);
        }
        trailerLineEmpty = false;
        if (++trailerBytes > MAX_TRAILERS) {
            throw new ChunkException("trailer section larger than " + MAX_TRAILERS + " bytes", true);
        }
    }

    private void endOfTrailerLine() {
        if (trailerLineEmpty) {
            state = State.DONE;
        } else {
            trailerLineEmpty = true;
            state = State.TRAILER;
        }
    }

    private static int hex(int c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }
}
