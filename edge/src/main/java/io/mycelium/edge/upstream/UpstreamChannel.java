package io.mycelium.edge.upstream;

import io.mycelium.edge.OutputBuffer;
import io.mycelium.edge.loop.EventLoop;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;

/**
 * One non-blocking HTTP/1.1 connection to an upstream endpoint, served by one event loop: the
 * request goes out through {@link #out()}, the response comes in through {@link #fill} and is
 * parsed in place ({@link #parseHead}), and the body is taken from {@link #buffer()}. It serves
 * one exchange at a time; its {@link Owner} (the exchange, or the pool while it is idle) is told
 * when the socket is ready. Not thread-safe: its loop's thread.
 */
public final class UpstreamChannel implements EventLoop.Handler {

    /** Reacts to the connection being ready (readable, writable, connected). */
    @FunctionalInterface
    public interface Owner {
        void upstreamReady(UpstreamChannel channel, SelectionKey key);
    }

    private static final int BUFFER = 16 * 1024;
    /** A head may take this much buffer (the parser's own limits are below it). */
    private static final int MAX_BUFFER = ResponseHeadParser.MAX_HEAD + 2 * ResponseHeadParser.MAX_LINE;

    private final SocketChannel channel;
    private final String authority;
    private final ResponseHeadParser parser = new ResponseHeadParser();
    private final OutputBuffer out = new OutputBuffer(2048);
    private final OutputBuffer relayed = new OutputBuffer(512);
    private SelectionKey key;
    private Owner owner;
    private byte[] buf = new byte[BUFFER];
    private int pos;
    private int lim;
    private boolean eof;
    private boolean connecting;
    private long received;
    private boolean reused;
    private long idleSince;
    private int ops = -1;

    private UpstreamChannel(SocketChannel channel, String authority, Owner owner) {
        this.channel = channel;
        this.authority = authority;
        this.owner = owner;
    }

    /**
     * Starts connecting to {@code address} without waiting: until {@link #connecting()} turns
     * false the owner is told when {@link #finishConnect()} should be called.
     */
    public static UpstreamChannel open(EventLoop loop, InetSocketAddress address, String authority, Owner owner)
            throws IOException {
        SocketChannel ch = SocketChannel.open();
        try {
            ch.configureBlocking(false);
            ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
            UpstreamChannel c = new UpstreamChannel(ch, authority, owner);
            c.connecting = !ch.connect(address);
            c.ops = c.connecting ? SelectionKey.OP_CONNECT : SelectionKey.OP_READ;
            c.key = loop.register(ch, c.ops, c);
            return c;
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    @Override
    public void ready(SelectionKey k) {
        owner.upstreamReady(this, k);
    }

    /** The upstream's {@code host:port}. */
    public String authority() {
        return authority;
    }

    /** Gives the connection to {@code next} (an exchange, or the pool). */
    public void owner(Owner next) {
        this.owner = next;
    }

    /** Whether the connect has not completed yet. */
    public boolean connecting() {
        return connecting;
    }

    /** Completes a pending connect; false while it is still in progress. */
    public boolean finishConnect() throws IOException {
        if (channel.finishConnect()) {
            connecting = false;
            return true;
        }
        return false;
    }

    /** Starts an exchange: the request goes in {@link #out()}, empty. */
    public void begin() {
        received = 0;
        out.reset();
    }

    /** Where the request is written; {@link #flush()} sends it. */
    public OutputBuffer out() {
        return out;
    }

    /** Sends what the socket takes of {@link #out()} (through {@code io}); true when all of it is sent. */
    public boolean flush(ByteBuffer io) throws IOException {
        out.writeTo(channel, io);
        return out.isEmpty();
    }

    /**
     * Reads what the socket has into the input buffer, through {@code io}.
     *
     * @return the bytes read; 0 when nothing is there or the buffer is full; -1 at end of stream
     */
    public int fill(ByteBuffer io) throws IOException {
        if (pos == lim) {
            pos = 0;
            lim = 0;
        } else if (lim == buf.length) {
            if (pos > 0) {
                System.arraycopy(buf, pos, buf, 0, lim - pos);
                lim -= pos;
                pos = 0;
            } else if (buf.length < MAX_BUFFER) {
                buf = java.util.Arrays.copyOf(buf, Math.min(MAX_BUFFER, buf.length * 2));
            } else {
                return 0;
            }
        }
        io.clear().limit(Math.min(io.capacity(), buf.length - lim));
        int n = channel.read(io);
        if (n < 0) {
            eof = true;
        } else if (n > 0) {
            io.flip().get(buf, lim, n);
            lim += n;
            received += n;
        }
        return n;
    }

    /** Whether the upstream closed its side. */
    public boolean eof() {
        return eof;
    }

    /** Whether a byte of the current exchange's response has arrived. */
    public boolean responseStarted() {
        return received > 0;
    }

    /**
     * Parses the response head from the buffered bytes; its relayed fields are then in
     * {@link #relayedFields()}, and its body starts at {@link #position()}.
     *
     * @return the head, or null when it is not all there yet
     */
    public ResponseHead parseHead(boolean headRequest) throws MalformedResponseException {
        ResponseHead head = parser.parse(buf, pos, lim, headRequest, relayed);
        if (head != null) {
            pos = parser.end();
        }
        return head;
    }

    /** The last head's fields that a proxy relays, as {@code name: value} CRLF lines. */
    public OutputBuffer relayedFields() {
        return relayed;
    }

    public byte[] buffer() {
        return buf;
    }

    /** The first unread buffered byte. */
    public int position() {
        return pos;
    }

    /** Unread buffered bytes. */
    public int buffered() {
        return lim - pos;
    }

    /** Marks {@code n} buffered bytes as read. */
    public void skip(int n) {
        if (n < 0 || n > lim - pos) {
            throw new IllegalArgumentException("cannot skip " + n + " of " + (lim - pos) + " bytes");
        }
        pos += n;
    }

    /** Sets the events the owner wants (a system call only when they change). */
    public void interest(int wanted) {
        if (wanted != ops && key.isValid()) {
            key.interestOps(wanted);
            ops = wanted;
        }
    }

    /** Whether the connection can carry another exchange: open, clean, nothing left over. */
    public boolean clean() {
        return channel.isOpen() && !eof && !connecting && pos == lim && out.isEmpty();
    }

    /** Whether this connection served an earlier exchange (a stale pooled one may fail). */
    public boolean reused() {
        return reused;
    }

    void markIdle(long now) {
        idleSince = now;
        reused = true;
    }

    long idleSince() {
        return idleSince;
    }

    /** Closes the socket (idempotent). */
    public void close() {
        if (key != null) {
            key.cancel();
        }
        try {
            channel.close();
        } catch (IOException e) {
            // nothing to do: the socket is gone either way
        }
    }
}
