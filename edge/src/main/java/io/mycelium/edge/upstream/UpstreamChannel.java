package io.mycelium.edge.upstream;

import io.mycelium.edge.InputBuffer;
import io.mycelium.edge.OutputBuffer;
import io.mycelium.edge.loop.Conduit;
import io.mycelium.edge.loop.EventLoop;
import io.mycelium.edge.loop.SocketConduit;
import io.mycelium.edge.tls.TlsConduit;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import javax.net.ssl.SSLEngine;

/**
 * One non-blocking HTTP/1.1 connection to an upstream endpoint, served by one event loop: the
 * request goes out through {@link #out()}, the response comes in through {@link #fill} and is
 * parsed in place ({@link #parseHead}), and the body is taken from {@link #input()}. It serves
 * one exchange at a time; its {@link Owner} (the exchange, or the pool while it is idle) is told
 * when the socket is ready. The connection is plain TCP or TLS (a {@link Conduit} either way).
 * Not thread-safe: its loop's thread.
 */
public final class UpstreamChannel {

    /** Reacts to the connection being ready (readable, writable, connected). */
    @FunctionalInterface
    public interface Owner {
        /** @param readyOps the {@link SelectionKey} operations that are ready */
        void upstreamReady(UpstreamChannel channel, int readyOps);
    }

    private static final int BUFFER = 16 * 1024;
    /** A head may take this much buffer (the parser's own limits are below it). */
    private static final int MAX_BUFFER = ResponseHeadParser.MAX_HEAD + 2 * ResponseHeadParser.MAX_LINE;

    private Conduit channel;
    private final EventLoop loop;
    private final String authority;
    private final ResponseHeadParser parser = new ResponseHeadParser();
    private final OutputBuffer out = new OutputBuffer(2048);
    private final OutputBuffer relayed = new OutputBuffer(512);
    private Owner owner;
    private final InputBuffer in = new InputBuffer(BUFFER, MAX_BUFFER);
    private boolean eof;
    private long received;
    private boolean reused;
    private long idleSince;

    private UpstreamChannel(EventLoop loop, String authority, Owner owner) {
        this.loop = loop;
        this.authority = authority;
        this.owner = owner;
    }

    /**
     * Starts connecting to {@code address} without waiting: until {@link #connecting()} turns
     * false the owner is told when {@link #finishConnect()} should be called.
     */
    public static UpstreamChannel open(EventLoop loop, InetSocketAddress address, String authority, Owner owner)
            throws IOException {
        return open(loop, address, authority, owner, null);
    }

    /**
     * Like {@link #open(EventLoop, InetSocketAddress, String, Owner)}, over TLS with {@code tls}
     * (a client-mode engine) unless it is null: the handshake runs before the request is sent.
     */
    public static UpstreamChannel open(EventLoop loop, InetSocketAddress address, String authority, Owner owner,
                                       SSLEngine tls) throws IOException {
        SocketChannel ch = SocketChannel.open();
        try {
            ch.configureBlocking(false);
            ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
            UpstreamChannel c = new UpstreamChannel(loop, authority, owner);
            boolean connecting = !ch.connect(address);
            Conduit.Owner events = ops -> c.owner.upstreamReady(c, ops);
            c.channel = tls == null
                    ? SocketConduit.register(loop, ch, connecting, SelectionKey.OP_READ, events)
                    : TlsConduit.client(loop, ch, connecting, tls, SelectionKey.OP_READ, events);
            return c;
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
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
        return channel.connecting();
    }

    /** Whether the connection is ready for a request: connected and, over TLS, past the handshake. */
    public boolean established() {
        return !channel.connecting() && (!(channel instanceof TlsConduit t) || t.established());
    }

    /** The connection under this channel (a {@link TlsConduit} over TLS). */
    public Conduit conduit() {
        return channel;
    }

    /** Completes a pending connect; false while it is still in progress. */
    public boolean finishConnect() throws IOException {
        return channel.finishConnect();
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
     * Reads what the socket has into {@link #input()}, through {@code io}.
     *
     * @return the bytes read; 0 when nothing is there or the buffer is full; -1 at end of stream
     */
    public int fill(ByteBuffer io) throws IOException {
        int n = in.readFrom(channel, io, true);
        if (n < 0) {
            eof = true;
        } else {
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
     * {@link #relayedFields()}, and its body starts at {@link #input()}'s position.
     *
     * @return the head, or null when it is not all there yet
     */
    public ResponseHead parseHead(boolean headRequest) throws MalformedResponseException {
        ResponseHead head = parser.parse(in.array(), in.position(), in.limit(), headRequest, relayed);
        if (head != null) {
            in.skip(parser.end() - in.position());
        }
        return head;
    }

    /** The last head's fields that a proxy relays, as {@code name: value} CRLF lines. */
    public OutputBuffer relayedFields() {
        return relayed;
    }

    /** The bytes received and not yet taken (after {@link #parseHead}, the response body). */
    public InputBuffer input() {
        return in;
    }

    /** Sets the events the owner wants (a system call only when they change). */
    public void interest(int wanted) {
        channel.interest(wanted);
    }

    /** Whether the connection can carry another exchange: open, clean, nothing left over. */
    public boolean clean() {
        return channel.isOpen() && !eof && established() && in.buffered() == 0 && out.isEmpty();
    }

    /**
     * An idle connection was signalled: whether it is still usable. A plain upstream only sends
     * while it is idle to close the connection (or to break the protocol); over TLS, a session
     * ticket may arrive late and is taken without a byte for the next exchange.
     */
    boolean stillIdle() {
        try {
            return fill(loop.ioBuffer()) == 0 && !eof && in.buffered() == 0;
        } catch (IOException e) {
            return false;
        }
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
        channel.close();
    }
}
