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
    private final RequestHead head = new RequestHead();
    private final RequestHead relayed = new RequestHead();
    private long idleSince;
    private boolean reused;
    private boolean reusable;
    private long exchangeStart;
    private boolean dirty;
    private final ConnectionPool owner;
    /** Read timeout of the current exchange in nanoseconds; 0 when idle in the pool. */
    private volatile long timeoutNanos;
    /** When the current exchange last made progress (start, or a read returned). */
    private volatile long lastProgress;
    private volatile boolean timedOut;

    UpstreamConnection(Socket socket, String authority, long now, ConnectionPool owner) throws IOException {
        this.socket = socket;
        this.owner = owner;
        this.authority = authority;
        this.in = new HttpInput(socket.getInputStream(), BUFFER);
        in.onProgress(this::progress);
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

    /** This connection's request-head buffer, emptied: fill it, then write it to {@link #out()}. */
    public RequestHead requestHead() {
        return head.reset();
    }

    /** Where to write the request; flush it before {@link #readHead}. */
    public OutputStream out() {
        return out;
    }

    /**
     * Starts an exchange with a read timeout: the longest wait for the response head and between
     * two reads of the body. The pool's watchdog enforces it by closing the socket (a timed read
     * per call would cost a timer per read).
     */
    public void begin(Duration timeout) {
        exchangeStart = in.total();
        reusable = false;
        lastProgress = owner.now();
        timeoutNanos = timeout.toNanos();
    }

    /** Ends the exchange: the watchdog leaves this connection alone until the next one. */
    void end() {
        timeoutNanos = 0;
    }

    /** Called by the watchdog: closes the socket if the exchange made no progress in time. */
    boolean expireIfStalled(long now) {
        long t = timeoutNanos;
        if (t > 0 && now - lastProgress > t) {
            timedOut = true;
            close();
            return true;
        }
        return false;
    }

    void progress() {
        lastProgress = owner.now();
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
        if (e instanceof SocketTimeoutException || timedOut) {
            return new UpstreamFailure(UpstreamFailure.Kind.TIMEOUT, started, authority + " did not answer in time", e);
        }
        if (e instanceof MalformedResponseException) {
            return new UpstreamFailure(UpstreamFailure.Kind.MALFORMED, started, authority + " sent a malformed response: " + e.getMessage(), e);
        }
        String what = e instanceof EOFException ? "closed the connection" : "reset the connection";
        return new UpstreamFailure(UpstreamFailure.Kind.RESET, started, authority + " " + what, e);
    }

    /**
     * The last response head's fields that a proxy relays, as {@code name: value} CRLF lines
     * (everything but hop-by-hop fields, framing, Date, Server and X-Request-Id).
     */
    public RequestHead relayedFields() {
        return relayed;
    }

    /**
     * Reads the response head; its fields are in {@link #relayedFields()}, not in the head.
     *
     * @param headRequest whether the request was HEAD (no body follows whatever the head says)
     */
    public ResponseHead readHead(boolean headRequest) throws UpstreamFailure {
        if (Thread.currentThread().isVirtual()) {
            // let other requests run first: the answer is often there when this thread comes back,
            // which saves parking on the poller (about +6% req/s in interleaved wrk runs here)
            Thread.yield();
        }
        try {
            ResponseHead head = ResponseHeadParser.read(in, headRequest, relayed);
            if (head == null) {
                throw new EOFException("no response");
            }
            return head;
        } catch (IOException e) {
            throw classify(e);
        }
    }

    /** Bodies up to this size with a known length are read whole and sent in one write. */
    public static final int SMALL_BODY = BUFFER;

    /**
     * Copies a small fixed-length body (at most {@link #SMALL_BODY} bytes) to {@code to} without
     * flushing it, so that the caller sends head and body in one write.
     */
    public void copySmallBody(ResponseHead head, OutputStream to) throws IOException {
        long length = head.contentLength();
        if (head.noBody() || head.chunked() || length < 0 || length > SMALL_BODY) {
            throw new IllegalArgumentException("not a small fixed-length body");
        }
        copyFixed(length, smallBuffer(), to);
        reusable = head.keepAlive();
    }

    /** The copy buffer of this connection's bodies (one request at a time uses it). */
    private byte[] small;

    private byte[] smallBuffer() {
        if (small == null) {
            small = new byte[SMALL_BODY];
        }
        return small;
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
        byte[] buf = smallBuffer();
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
            // a client that takes its time is not the upstream stalling
            progress();
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
            progress();
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
        timeoutNanos = 0;
        owner.forget(this);
        try {
            socket.close();
        } catch (IOException e) {
            // nothing to do: the socket is gone either way
        }
    }
}
