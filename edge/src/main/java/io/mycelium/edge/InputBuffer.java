package io.mycelium.edge;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.util.Arrays;

/**
 * Bytes read from a non-blocking socket and not yet taken: {@link #array()} holds them from
 * {@link #position()} for {@link #buffered()} bytes, where parsers work on them in place. Not
 * thread-safe: one connection's event loop.
 */
public final class InputBuffer {

    private final int maxSize;
    private byte[] buf;
    private int pos;
    private int lim;

    /**
     * @param size    the buffer's size
     * @param maxSize the most it grows to when it is full of unread bytes (= size: never)
     */
    public InputBuffer(int size, int maxSize) {
        if (size < 1 || maxSize < size) {
            throw new IllegalArgumentException("size " + size + ", maxSize " + maxSize);
        }
        this.buf = new byte[size];
        this.maxSize = maxSize;
    }

    /**
     * Reads what {@code channel} has into the free space at the end, through {@code io} (any
     * buffer; the event loop's direct one). With {@code compact}, the unread bytes are first
     * moved to the front when the end is full, and the buffer grows (up to its maximum) when
     * they fill it; without, nothing moves (a parsed head still refers to the bytes).
     *
     * @return the bytes read; 0 when nothing is there or there is no room; -1 at end of stream
     */
    public int readFrom(ReadableByteChannel channel, ByteBuffer io, boolean compact) throws IOException {
        if (compact) {
            makeRoom();
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

    private void makeRoom() {
        if (pos == lim) {
            pos = 0;
            lim = 0;
        } else if (lim == buf.length) {
            if (pos > 0) {
                toFront();
            } else if (buf.length < maxSize) {
                buf = Arrays.copyOf(buf, (int) Math.min(maxSize, 2L * buf.length));
            }
        }
    }

    /** Moves the unread bytes to the front of the array (position 0). */
    public void toFront() {
        if (pos > 0) {
            System.arraycopy(buf, pos, buf, 0, lim - pos);
            lim -= pos;
            pos = 0;
        }
    }

    /** Whether a read could take more bytes ({@code compact} as in {@link #readFrom}). */
    public boolean hasSpace(boolean compact) {
        return lim < buf.length || (compact && (pos > 0 || buf.length < maxSize));
    }

    /** The array holding the bytes (it changes when the buffer grows). */
    public byte[] array() {
        return buf;
    }

    /** The first unread byte. */
    public int position() {
        return pos;
    }

    /** The end of the unread bytes. */
    public int limit() {
        return lim;
    }

    /** Unread bytes. */
    public int buffered() {
        return lim - pos;
    }

    /** Whether the array is full up to its end. */
    public boolean full() {
        return lim == buf.length;
    }

    /** Marks {@code n} unread bytes as read. */
    public void skip(int n) {
        if (n < 0 || n > lim - pos) {
            throw new IllegalArgumentException("cannot skip " + n + " of " + (lim - pos) + " bytes");
        }
        pos += n;
    }
}
