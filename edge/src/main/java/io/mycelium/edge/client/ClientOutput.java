package io.mycelium.edge.client;

import io.mycelium.edge.Decimal;
import io.mycelium.edge.Latin1;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;

/**
 * The buffered output of one client connection: a response head and a small body are collected
 * and leave in one write on {@link #flush()}; larger bodies pass through in buffer-sized writes.
 * Not thread-safe: the connection's own thread.
 */
public final class ClientOutput extends OutputStream {

    /** Where the bytes go. */
    @FunctionalInterface
    public interface Sink {
        void write(byte[] b, int off, int len) throws IOException;
    }

    private final Sink sink;
    private byte[] buf = new byte[16 * 1024];
    private int len;
    private long written;

    public ClientOutput(Sink sink) {
        this.sink = sink;
    }

    /** Bytes handed to the socket so far (a response has started once this moved). */
    public long written() {
        return written;
    }

    /** Appends {@code s} as ISO-8859-1 (a character above U+00FF becomes {@code ?}). */
    public ClientOutput ascii(String s) {
        ensure(s.length());
        len = Latin1.write(s, buf, len);
        return this;
    }

    /** Appends a decimal number (no string is made). */
    public ClientOutput number(long v) {
        ensure(20);
        len = Decimal.write(v, buf, len);
        return this;
    }

    /** Appends raw bytes (the buffer grows; nothing is written yet). */
    public ClientOutput bytes(byte[] b, int off, int n) {
        ensure(n);
        System.arraycopy(b, off, buf, len, n);
        len += n;
        return this;
    }

    /** Appends {@code name: value} and CRLF. */
    public ClientOutput field(String name, String value) {
        return ascii(name).ascii(": ").ascii(value).crlf();
    }

    /** Appends CRLF. */
    public ClientOutput crlf() {
        ensure(2);
        buf[len++] = '\r';
        buf[len++] = '\n';
        return this;
    }

    /** Drops what is buffered and not yet written (a response that will not be sent after all). */
    public void discard() {
        len = 0;
    }

    @Override
    public void write(int b) throws IOException {
        if (len == buf.length) {
            flush();
        }
        buf[len++] = (byte) b;
    }

    @Override
    public void write(byte[] b, int off, int n) throws IOException {
        if (len + n <= buf.length) {
            System.arraycopy(b, off, buf, len, n);
            len += n;
            return;
        }
        flush();
        if (n >= buf.length) {
            sink.write(b, off, n);
            written += n;
        } else {
            System.arraycopy(b, off, buf, 0, n);
            len = n;
        }
    }

    @Override
    public void flush() throws IOException {
        if (len > 0) {
            int n = len;
            len = 0;
            sink.write(buf, 0, n);
            written += n;
        }
    }

    private void ensure(int more) {
        if (len + more > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + more));
        }
    }
}
