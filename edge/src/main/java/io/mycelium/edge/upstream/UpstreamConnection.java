package io.mycelium.edge.upstream;

import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;

/**
 * One HTTP/1.1 connection to an upstream endpoint. Used by one request at a time: write the
 * request to {@link #out()}, then {@link #readHead}, then {@link #copyBody}; return it to its
 * pool if {@link #reusable()}, else close it. Not thread-safe.
 */
public final class UpstreamConnection implements Closeable {

    private static final int BUFFER = 16 * 1024;

    private final Socket socket;
    private final String authority;
    private final HttpInput in;
    private final OutputStream out;
    private long idleSince;
    private boolean reused;
    private boolean reusable;
    private long exchangeStart;
    private boolean dirty;

    UpstreamConnection(Socket socket, String authority, long now) throws IOException {
        this.socket = socket;
        this.authority = authority;
        this.in = new HttpInput(socket.getInputStream(), BUFFER);
        this.out = new BufferedOutputStream(socket.getOutputStream(), BUFFER);
        this.idleSince = now;
    }

    /** The upstream's {@code host:port}. */
    public String authority() {
        return authority;
    }

    /** Whether this connection served an earlier request (a stale pooled connection may fail). */
    public boolean reused() {
        return reused;
    }

    /** Where to write the request; flush it before {@link #readHead}. */
    public OutputStream out() {
        return out;
    }

    /** Starts an exchange: sets the read timeout and resets the per-exchange state. */
    public void begin(Duration timeout) throws IOException {
        socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, Math.max(1, timeout.toMillis())));
        exchangeStart = in.total();
        reusable = false;
    }

    private boolean responseStarted() {
        return in.total() > exchangeStart || in.hasBuffered();
    }

    /** Classifies an I/O failure of this exchange. */
    public UpstreamFailure classify(IOException e) {
        if (e instanceof UpstreamFailure f) {
            return f;
        }
        boolean started = responseStarted();
        if (e instanceof SocketTimeoutException) {
            return new UpstreamFailure(UpstreamFailure.Kind.TIMEOUT, started, authority + " did not answer in time", e);
        }
        if (e instanceof MalformedResponseException) {
            return new UpstreamFailure(UpstreamFailure.Kind.MALFORMED, started, authority + " sent a malformed response: " + e.getMessage(), e);
        }
        String what = e instanceof EOFException ? "closed the connection" : "reset the connection";
        return new UpstreamFailure(UpstreamFailure.Kind.RESET, started, authority + " " + what, e);
    }

    /**
     * Reads the response head.
     *
     * @param headRequest whether the request was HEAD (no body follows whatever the head says)
     */
    public ResponseHead readHead(boolean headRequest) throws UpstreamFailure {
        try {
            ResponseHead head = ResponseHeadParser.read(in, headRequest);
            if (head == null) {
                throw new EOFException("no response");
            }
            return head;
        } catch (IOException e) {
            throw classify(e);
        }
    }

    /**
     * Streams the response body to {@code to}, flushing whenever the upstream has nothing more
     * buffered (so streamed responses stay streamed). A failure to read from the upstream is an
     * {@link UpstreamFailure}; a failure to write to {@code to} propagates as is.
     *
     * @return the number of body bytes copied
     */
    public long copyBody(ResponseHead head, OutputStream to) throws IOException {
        if (head.noBody()) {
            reusable = head.keepAlive();
            return 0;
        }
        byte[] buf = new byte[BUFFER];
        long copied;
        in.beforeBlock(() -> flushClient(to));
        try {
            if (head.chunked()) {
                copied = copyChunked(buf, to);
            } else if (head.contentLength() >= 0) {
                copied = copyFixed(head.contentLength(), buf, to);
            } else {
                copied = copyUntilClose(buf, to);
            }
        } finally {
            in.beforeBlock(null);
            dirty = false;
        }
        reusable = head.keepAlive() && !head.untilClose();
        return copied;
    }

    private long copyFixed(long length, byte[] buf, OutputStream to) throws IOException {
        long left = length;
        while (left > 0) {
            int n = readSome(buf, (int) Math.min(buf.length, left));
            if (n < 0) {
                throw classify(new EOFException("body ended after " + (length - left) + " of " + length + " bytes"));
            }
            write(to, buf, n);
            left -= n;
        }
        return length;
    }

    private long copyUntilClose(byte[] buf, OutputStream to) throws IOException {
        long copied = 0;
        int n;
        while ((n = readSome(buf, buf.length)) >= 0) {
            write(to, buf, n);
            copied += n;
        }
        return copied;
    }

    private long copyChunked(byte[] buf, OutputStream to) throws IOException {
        long copied = 0;
        while (true) {
            String sizeLine = readLineOrFail("chunk size");
            int semi = sizeLine.indexOf(';');
            String hex = (semi < 0 ? sizeLine : sizeLine.substring(0, semi)).strip();
            long size;
            try {
                if (hex.isEmpty() || hex.length() > 15) {
                    throw new NumberFormatException();
                }
                size = Long.parseLong(hex, 16);
            } catch (NumberFormatException e) {
                throw classify(new MalformedResponseException("bad chunk size " + ResponseHeadParser.printable(sizeLine)));
            }
            if (size == 0) {
                while (!readLineOrFail("trailer").isEmpty()) {
                    // trailers are dropped: the client side re-frames the body
                }
                return copied;
            }
            copied += copyFixed(size, buf, to);
            if (!readLineOrFail("chunk end").isEmpty()) {
                throw classify(new MalformedResponseException("chunk not followed by CRLF"));
            }
        }
    }

    private String readLineOrFail(String what) throws IOException {
        String line;
        try {
            line = in.readLine(ResponseHeadParser.MAX_LINE, what);
        } catch (ClientGoneException e) {
            throw e;
        } catch (IOException e) {
            throw classify(e);
        }
        if (line == null) {
            throw classify(new EOFException("end of stream before " + what));
        }
        return line;
    }

    private int readSome(byte[] buf, int len) throws IOException {
        try {
            return in.read(buf, 0, len);
        } catch (ClientGoneException e) {
            throw e;
        } catch (IOException e) {
            throw classify(e);
        }
    }

    private void write(OutputStream to, byte[] buf, int n) throws ClientGoneException {
        try {
            to.write(buf, 0, n);
            dirty = true;
        } catch (IOException | UncheckedIOException e) {
            throw new ClientGoneException("client went away while the response was relayed: " + e.getMessage(), e);
        }
    }

    /** Flushes relayed bytes to the client before waiting for more from the upstream. */
    private void flushClient(OutputStream to) throws ClientGoneException {
        if (!dirty) {
            return;
        }
        try {
            to.flush();
            dirty = false;
        } catch (IOException | UncheckedIOException e) {
            throw new ClientGoneException("client went away while the response was relayed: " + e.getMessage(), e);
        }
    }

    /** Whether the last exchange left the connection fit for another request. */
    public boolean reusable() {
        return reusable && !socket.isClosed();
    }

    void markIdle(long now) {
        idleSince = now;
        reused = true;
    }

    long idleSince() {
        return idleSince;
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            // nothing to do: the socket is gone either way
        }
    }
}
