package io.mycelium.edge.upstream;

import io.mycelium.edge.Decimal;
import io.mycelium.edge.Latin1;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;

/**
 * A reusable buffer in which a request head is written as ISO-8859-1 bytes and then sent with one
 * write: building the head as a {@code StringBuilder}, a {@code String} and then a byte array
 * copied it three times per request. Each {@link UpstreamConnection} owns one (a connection
 * serves one request at a time). Not thread-safe.
 */
public final class RequestHead {

    private byte[] buf = new byte[1024];
    private int len;

    /** Empties the buffer for a new head. */
    public RequestHead reset() {
        len = 0;
        return this;
    }

    /** Appends {@code s}; a character above U+00FF becomes {@code ?}, as ISO-8859-1 encoding does. */
    public RequestHead append(String s) {
        ensure(s.length());
        len = Latin1.write(s, buf, len);
        return this;
    }

    /** Appends raw bytes (a header line copied as the client sent it). */
    public RequestHead append(byte[] b, int off, int n) {
        ensure(n);
        System.arraycopy(b, off, buf, len, n);
        len += n;
        return this;
    }

    /** Appends a decimal number. */
    public RequestHead append(long v) {
        ensure(20);
        len = Decimal.write(v, buf, len);
        return this;
    }

    /** Appends {@code name: value} and CRLF. */
    public RequestHead field(String name, String value) {
        return append(name).append(": ").append(value).crlf();
    }

    /** Appends CRLF. */
    public RequestHead crlf() {
        ensure(2);
        buf[len++] = '\r';
        buf[len++] = '\n';
        return this;
    }

    /** Bytes written so far. */
    public int length() {
        return len;
    }

    /** Writes the buffered head to {@code out} (without flushing). */
    public void writeTo(OutputStream out) throws IOException {
        out.write(buf, 0, len);
    }

    @Override
    public String toString() {
        return new String(buf, 0, len, java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    private void ensure(int more) {
        if (len + more > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + more));
        }
    }
}
