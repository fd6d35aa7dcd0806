package io.mycelium.edge;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A growable byte buffer that HTTP heads and relayed bodies are written into as ISO-8859-1
 * bytes, then sent to a non-blocking channel with {@link #writeTo}, as much as the socket takes;
 * what it does not take stays for the next call. Heads are built here without a
 * {@code StringBuilder} or {@code String}. Not thread-safe: one connection's event loop.
 */
public final class OutputBuffer {

    private byte[] buf;
    /** The first byte not yet written to the channel. */
    private int sent;
    private int len;

    public OutputBuffer() {
        this(1024);
    }

    public OutputBuffer(int initialCapacity) {
        this.buf = new byte[initialCapacity];
    }

    /** Empties the buffer (what was not sent is dropped). */
    public OutputBuffer reset() {
        sent = 0;
        len = 0;
        return this;
    }

    /** Appends {@code s}; a character above U+00FF becomes {@code ?}, as ISO-8859-1 encoding does. */
    public OutputBuffer append(String s) {
        ensure(s.length());
        len = Latin1.write(s, buf, len);
        return this;
    }

    /** Appends raw bytes. */
    public OutputBuffer append(byte[] b, int off, int n) {
        ensure(n);
        System.arraycopy(b, off, buf, len, n);
        len += n;
        return this;
    }

    /** Appends everything {@code other} holds and has not sent. */
    public OutputBuffer append(OutputBuffer other) {
        return append(other.buf, other.sent, other.len - other.sent);
    }

    /** Appends a decimal number. */
    public OutputBuffer append(long v) {
        ensure(20);
        len = Decimal.write(v, buf, len);
        return this;
    }

    /** Appends a non-negative number in lower-case hexadecimal (a chunk size). */
    public OutputBuffer appendHex(long v) {
        ensure(16);
        int digits = Math.max(1, (67 - Long.numberOfLeadingZeros(v)) / 4);
        for (int i = digits - 1; i >= 0; i--) {
            buf[len++] = (byte) Character.forDigit((int) (v >>> (4 * i)) & 0xf, 16);
        }
        return this;
    }

    /** Appends {@code name: value} and CRLF. */
    public OutputBuffer field(String name, String value) {
        return append(name).append(": ").append(value).crlf();
    }

    /** Appends CRLF. */
    public OutputBuffer crlf() {
        ensure(2);
        buf[len++] = '\r';
        buf[len++] = '\n';
        return this;
    }

    /** Bytes appended and not yet written to a channel. */
    public int pending() {
        return len - sent;
    }

    /** Whether nothing waits to be written. */
    public boolean isEmpty() {
        return len == sent;
    }

    /**
     * Writes what is pending to {@code channel}, as much as it takes without blocking, through
     * {@code io} (any buffer; the event loop's direct one): at most its capacity per call.
     *
     * @return the number of bytes written
     */
    public int writeTo(WritableByteChannel channel, ByteBuffer io) throws IOException {
        if (len == sent) {
            return 0;
        }
        io.clear();
        io.put(buf, sent, Math.min(io.capacity(), len - sent)).flip();
        int n = channel.write(io);
        sent += n;
        if (sent == len) {
            sent = 0;
            len = 0;
        }
        return n;
    }

    @Override
    public String toString() {
        return new String(buf, sent, len - sent, StandardCharsets.ISO_8859_1);
    }

    private void ensure(int more) {
        if (len + more > buf.length) {
            if (sent > 0 && len - sent + more <= buf.length) {
                System.arraycopy(buf, sent, buf, 0, len - sent);
                len -= sent;
                sent = 0;
                return;
            }
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + more));
        }
    }
}
