package io.mycelium.edge.proxy;

import io.mycelium.edge.ChunkDecoder;
import io.mycelium.edge.InputBuffer;
import io.mycelium.edge.OutputBuffer;
import io.mycelium.edge.balance.Upstream;
import io.mycelium.edge.client.BadRequestException;
import io.mycelium.edge.client.ClientInput;
import io.mycelium.edge.client.ClientRequest;
import io.mycelium.edge.client.RequestParser;
import io.mycelium.edge.loop.Conduit;
import io.mycelium.edge.loop.EventLoop;
import io.mycelium.edge.loop.SocketConduit;
import io.mycelium.edge.tls.PeerGate;
import io.mycelium.edge.tls.TlsConduit;
import io.mycelium.edge.upstream.MalformedResponseException;
import io.mycelium.edge.upstream.ResponseHead;
import io.mycelium.edge.upstream.UpstreamChannel;
import io.mycelium.edge.upstream.UpstreamFailure;
import io.mycelium.edge.upstream.UpstreamPool;
import java.io.IOException;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import javax.net.ssl.SSLEngine;

/**
 * One client connection on an event loop: reads request heads, has {@link ProxyHandler} route
 * them, forwards each over an upstream connection of the same loop and streams the response back,
 * one request at a time (pipelined requests wait in the input buffer). Bodies stream both ways
 * with backpressure: neither side is read while the other side's output holds more than
 * {@link #HIGH_WATER} bytes. Deadlines (client read and write, upstream connect and answer) are
 * checked at the loop's tick. The client's connection is plain or TLS (a {@link Conduit}; the
 * TLS handshake counts against the read timeout of the first head). Everything runs on the loop's
 * thread.
 */
final class ClientSession implements EventLoop.Timed, UpstreamChannel.Owner {

    /** The client as the access log and the forwarded headers name it. */
    record Peer(String address, boolean secure) {
    }

    /** Output held for a socket before the side that feeds it is no longer read. */
    static final int HIGH_WATER = 64 * 1024;

    private enum State {
        /** Waiting for the next request head. */
        HEAD,
        /** Connecting to the chosen endpoint. */
        CONNECTING,
        /** Sending the request body upstream. */
        BODY,
        /** The request is sent; waiting for the response head. */
        AWAIT_RESPONSE,
        /** Relaying the response body. */
        RELAY,
        /** The last answer is being written; the connection closes after it. */
        CLOSING,
        /** The answer is written and the output shut; the client's rest is read and dropped. */
        LINGER,
        CLOSED
    }

    private static final long LINGER_NANOS = 2_000_000_000L;

    private final EventLoop loop;
    private final SocketChannel socket;
    private final SSLEngine tls;
    private Conduit channel;
    private final ProxyHandler proxy;
    private final UpstreamPool pool;
    private final Peer peer;
    /** Who may stay connected (a mutual-TLS listener), or null. */
    private final PeerGate gate;
    /** The gate's generation this connection was last admitted at; -1 before its first check. */
    private long admittedAt = -1;
    private final long readTimeout;
    private final long connectTimeout;
    private final ClientInput in;
    private final OutputBuffer out = new OutputBuffer(16 * 1024);
    private final ClientRequest req = new ClientRequest();
    private final CountDownLatch closed = new CountDownLatch(1);
    private final ChunkDecoder.Data toUpstream = this::chunkToUpstream;
    private final ChunkDecoder.Data toClient = this::chunkToClient;
    private int clientOps;
    private State state = State.HEAD;
    private boolean inputClosed;
    /** Deadlines on the loop's clock; 0 when not armed. */
    private long readDeadline;
    private long writeDeadline;
    private long upstreamDeadline;

    // the exchange in progress
    private Exchange x;
    private List<Upstream> candidates;
    private Upstream current;
    private UpstreamChannel up;
    private int tries;
    private long requestLeft;
    private ChunkDecoder requestChunks;
    /** The upstream answered before the request body was all sent: the rest is not read. */
    private boolean bodyAbandoned;
    private ResponseHead head;
    private long responseLeft;
    private ChunkDecoder responseChunks;
    private boolean rechunk;

    /**
     * @param tls  the server-side engine when the client speaks TLS, else null
     * @param gate who may stay connected over {@code tls}, or null
     */
    ClientSession(EventLoop loop, SocketChannel socket, SSLEngine tls, ProxyHandler proxy, UpstreamPool pool, Peer peer,
                  PeerGate gate) {
        this.gate = tls == null ? null : gate;
        this.loop = loop;
        this.socket = socket;
        this.tls = tls;
        this.proxy = proxy;
        this.pool = pool;
        this.peer = peer;
        this.readTimeout = proxy.config().clientReadTimeout().toNanos();
        this.connectTimeout = proxy.config().connectTimeout().toNanos();
        this.in = new ClientInput(proxy.config().maxPrologueBytes(), proxy.config().maxHeaderBytes());
    }

    /** Registers the connection with its loop; call on the loop's thread. */
    void start() {
        try {
            channel = tls == null
                    ? SocketConduit.register(loop, socket, false, SelectionKey.OP_READ, this::ready)
                    : TlsConduit.server(loop, socket, tls, SelectionKey.OP_READ, this::ready);
        } catch (IOException | RuntimeException e) {
            close();
            return;
        }
        clientOps = SelectionKey.OP_READ;
        loop.addTimed(this);
        readDeadline = loop.now() + readTimeout;
    }

    /** Waits until the connection is closed (the Helidon connection thread parks here). */
    void awaitClosed() throws InterruptedException {
        closed.await();
    }

    // ---- client side ----

    private void ready(int ops) {
        if ((ops & SelectionKey.OP_WRITE) != 0) {
            writeClient();
        }
        if (state != State.CLOSED && (ops & SelectionKey.OP_READ) != 0) {
            readClient();
        }
    }

    private void readClient() {
        int n;
        try {
            n = state == State.LINGER ? discard() : in.bytes().readFrom(channel, loop.ioBuffer(), compactable());
        } catch (IOException e) {
            clientGone("client connection failed: " + e.getMessage());
            return;
        }
        if (n < 0) {
            inputClosed = true;
        }
        switch (state) {
            case HEAD -> nextRequests();
            case BODY -> {
                if (n > 0) {
                    readDeadline = loop.now() + readTimeout;
                }
                pumpBody();
            }
            case LINGER -> {
                if (inputClosed) {
                    close();
                    return;
                }
            }
            default -> {
                // bytes of a pipelined request wait in the buffer
            }
        }
        updateClientInterest();
    }

    /** While a parsed head is in use (its fields are copied upstream), its bytes must not move. */
    private boolean compactable() {
        return state == State.HEAD || state == State.BODY;
    }

    private int discard() throws IOException {
        return channel.read(loop.ioBuffer().clear());
    }

    /** Serves the buffered request heads, one after another, until one goes upstream. */
    private void nextRequests() {
        if (!admitted()) {
            return;
        }
        while (state == State.HEAD && out.pending() < HIGH_WATER) {
            boolean found;
            try {
                found = in.findHead();
                if (found) {
                    RequestParser.parse(in.bytes().array(), in.headStart(), in.headEnd(), req);
                }
            } catch (BadRequestException e) {
                proxy.refuse(e, peer, out);
                closeAfterWrite();
                return;
            }
            if (!found) {
                if (inputClosed) {
                    closeAfterWrite();
                }
                break;
            }
            readDeadline = 0;
            x = proxy.begin(req, peer);
            List<Upstream> routed = proxy.route(x, out);
            if (routed == null) {
                endExchange(false);
            } else {
                candidates = routed;
                attempt(proxy.pick(routed, null));
            }
        }
        flushClient();
    }

    /** The exchange is over (answered or relayed): the next request, or the close. */
    private void endExchange(boolean more) {
        boolean keepAlive = x.keepAlive;
        x = null;
        candidates = null;
        current = null;
        head = null;
        requestChunks = null;
        responseChunks = null;
        bodyAbandoned = false;
        tries = 0;
        upstreamDeadline = 0;
        if (!keepAlive) {
            closeAfterWrite();
            return;
        }
        state = State.HEAD;
        readDeadline = loop.now() + readTimeout;
        if (more) {
            nextRequests();
        }
    }

    private void writeClient() {
        flushClient();
        if (out.pending() >= HIGH_WATER) {
            return;
        }
        switch (state) {
            case RELAY -> relayBody();
            case HEAD -> nextRequests();
            default -> {
                // nothing waits for the client's output
            }
        }
    }

    /** Sends what the client's socket takes; arms the write deadline while output waits. */
    private void flushClient() {
        if (state == State.CLOSED) {
            return;
        }
        if (!out.isEmpty()) {
            try {
                if (out.writeTo(channel, loop.ioBuffer()) > 0 && writeDeadline != 0) {
                    writeDeadline = loop.now() + readTimeout;
                }
            } catch (IOException e) {
                clientGone("client went away while the response was written: " + e.getMessage());
                return;
            }
        }
        if (out.isEmpty()) {
            writeDeadline = 0;
            if (state == State.CLOSING) {
                linger();
                return;
            }
        } else if (writeDeadline == 0) {
            writeDeadline = loop.now() + readTimeout;
        }
        updateClientInterest();
    }

    private void updateClientInterest() {
        if (state == State.CLOSED) {
            return;
        }
        int ops = out.isEmpty() ? 0 : SelectionKey.OP_WRITE;
        boolean read = switch (state) {
            case LINGER -> true;
            case CLOSING -> false;
            case BODY -> !inputClosed && in.bytes().hasSpace(true) && (up == null || up.out().pending() < HIGH_WATER);
            default -> !inputClosed && in.bytes().hasSpace(compactable());
        };
        if (read) {
            ops |= SelectionKey.OP_READ;
        }
        if (ops != clientOps) {
            channel.interest(ops);
            clientOps = ops;
        }
    }

    /** No more requests on this connection: the output is sent, then the connection closes. */
    private void closeAfterWrite() {
        state = State.CLOSING;
        readDeadline = 0;
        flushClient();
    }

    /**
     * Shuts the output once the last answer is out and reads the client's rest for a short
     * while, so that unread request bytes do not turn the close into a reset that could destroy
     * the answer on its way.
     */
    private void linger() {
        try {
            channel.shutdownOutput();
        } catch (IOException e) {
            close();
            return;
        }
        state = State.LINGER;
        readDeadline = loop.now() + Math.min(readTimeout, LINGER_NANOS);
        if (inputClosed) {
            close();
            return;
        }
        updateClientInterest();
    }

    // ---- forwarding ----

    private void attempt(Upstream u) {
        current = u;
        tries++;
        u.begin();
        x.upstream = u.authority();
        UpstreamChannel pooled = pool.acquire(x.upstream, loop.now());
        if (pooled != null) {
            up = pooled;
            up.owner(this);
            connected();
            return;
        }
        try {
            up = UpstreamChannel.open(loop, u.address(), x.upstream, this, proxy.upstreamTls(u));
        } catch (IOException | RuntimeException ex) {
            up = null;
            upstreamFailed(new UpstreamFailure(UpstreamFailure.Kind.CONNECT, false,
                    "cannot connect to " + x.upstream + ": " + ex.getMessage(), ex));
            return;
        }
        if (up.connecting()) {
            state = State.CONNECTING;
            upstreamDeadline = loop.now() + connectTimeout;
        } else {
            connected();
        }
    }

    /** The upstream connection is ready for the request: head, then body. */
    private void connected() {
        up.begin();
        proxy.requestHead(x, current, up.out());
        if (req.hasBody()) {
            if (req.expectContinue() && !req.http10()) {
                out.append("HTTP/1.1 100 Continue\r\n\r\n");
            }
            state = State.BODY;
            upstreamDeadline = 0;
            readDeadline = loop.now() + readTimeout;
            requestLeft = req.contentLength();
            requestChunks = req.chunked() ? new ChunkDecoder(false) : null;
            pumpBody();
            flushClient();
        } else {
            state = State.AWAIT_RESPONSE;
            upstreamDeadline = loop.now() + x.timeoutNanos;
            flushUpstream();
        }
    }

    /** Moves buffered request body bytes upstream, while the upstream's output has room. */
    private void pumpBody() {
        InputBuffer body = in.bytes();
        while (state == State.BODY && up.out().pending() < HIGH_WATER && body.buffered() > 0) {
            byte[] b = body.array();
            int p = body.position();
            int avail = body.buffered();
            if (requestChunks == null) {
                int n = (int) Math.min(avail, requestLeft);
                up.out().append(b, p, n);
                body.skip(n);
                requestLeft -= n;
                if (requestLeft == 0) {
                    bodySent();
                }
            } else {
                int end;
                try {
                    end = requestChunks.decode(b, p, p + avail, toUpstream);
                } catch (ChunkDecoder.ChunkException e) {
                    badBody(e);
                    return;
                }
                body.skip(end - p);
                if (requestChunks.done()) {
                    up.out().append("0\r\n\r\n");
                    bodySent();
                }
            }
        }
        if (state == State.BODY) {
            if (up.out().pending() >= HIGH_WATER) {
                // the upstream is slow to take it: not the client's fault
                readDeadline = 0;
            } else if (inputClosed) {
                clientGone("client closed inside the request body");
                return;
            } else if (readDeadline == 0) {
                readDeadline = loop.now() + readTimeout;
            }
        }
        flushUpstream();
    }

    private void chunkToUpstream(byte[] b, int off, int len) {
        up.out().appendHex(len).crlf().append(b, off, len).crlf();
    }

    private void bodySent() {
        x.bodyRead = true;
        state = State.AWAIT_RESPONSE;
        readDeadline = 0;
        upstreamDeadline = loop.now() + x.timeoutNanos;
    }

    private void badBody(ChunkDecoder.ChunkException e) {
        endUpstream(false);
        proxy.badBody(x, e.tooLarge() ? 431 : 400, e.getMessage(), out);
        endExchange(false);
    }

    private void flushUpstream() {
        if (up == null) {
            return;
        }
        try {
            int before = up.out().pending();
            boolean sent = up.flush(loop.ioBuffer());
            if (state == State.BODY) {
                // a stalled upstream write is timed like a stalled read
                if (sent) {
                    upstreamDeadline = 0;
                } else if (upstreamDeadline == 0 || up.out().pending() < before) {
                    upstreamDeadline = loop.now() + x.timeoutNanos;
                }
            }
        } catch (IOException e) {
            upstreamFailed(classify(e));
            return;
        }
        updateUpstreamInterest();
    }

    private void updateUpstreamInterest() {
        if (up == null) {
            return;
        }
        int ops;
        if (up.connecting()) {
            ops = SelectionKey.OP_CONNECT;
        } else {
            ops = up.out().isEmpty() ? 0 : SelectionKey.OP_WRITE;
            boolean read = !up.eof() && switch (state) {
                case BODY, AWAIT_RESPONSE -> true;
                case RELAY -> out.pending() < HIGH_WATER;
                default -> false;
            };
            if (read) {
                ops |= SelectionKey.OP_READ;
            }
        }
        up.interest(ops);
    }

    @Override
    public void upstreamReady(UpstreamChannel c, int ops) {
        if (c != up) {
            return;
        }
        try {
            if (up.connecting()) {
                if (up.finishConnect()) {
                    connected();
                }
                return;
            }
            if ((ops & SelectionKey.OP_WRITE) != 0) {
                flushUpstream();
                if (state == State.BODY && up != null && up.out().pending() < HIGH_WATER) {
                    pumpBody();
                    updateClientInterest();
                }
            }
            if (up != null && (ops & SelectionKey.OP_READ) != 0) {
                readUpstream();
            }
        } catch (IOException e) {
            upstreamFailed(classify(e));
        }
    }

    private UpstreamFailure classify(IOException e) {
        if (up != null && !up.established()) {
            // nothing was sent before the TCP connect or the TLS handshake completed
            return new UpstreamFailure(UpstreamFailure.Kind.CONNECT, false,
                    "cannot connect to " + x.upstream + ": " + e.getMessage(), e);
        }
        boolean started = up != null && up.responseStarted();
        return new UpstreamFailure(UpstreamFailure.Kind.RESET, started, x.upstream + " reset the connection", e);
    }

    private void readUpstream() throws IOException {
        int n = up.fill(loop.ioBuffer());
        if (n > 0 && state != State.BODY) {
            upstreamDeadline = loop.now() + x.timeoutNanos;
        }
        switch (state) {
            case BODY, AWAIT_RESPONSE -> responseHead();
            case RELAY -> relayBody();
            default -> {
                // not expecting anything
            }
        }
        updateUpstreamInterest();
    }

    private void responseHead() {
        ResponseHead h;
        try {
            h = up.parseHead(x.headRequest());
        } catch (MalformedResponseException e) {
            upstreamFailed(new UpstreamFailure(UpstreamFailure.Kind.MALFORMED, true,
                    x.upstream + " sent a malformed response: " + e.getMessage(), e));
            return;
        }
        if (h == null) {
            if (up.eof()) {
                upstreamFailed(new UpstreamFailure(UpstreamFailure.Kind.RESET, up.responseStarted(),
                        x.upstream + " closed the connection", null));
            }
            return;
        }
        if (state == State.BODY) {
            // answered before the whole body arrived: the rest of it is not read
            bodyAbandoned = true;
            x.keepAlive = false;
            readDeadline = 0;
        }
        proxy.upstreamAnswered(x, current, h.status());
        head = h;
        state = State.RELAY;
        rechunk = proxy.responseHead(x, h, up.relayedFields(), out);
        responseLeft = h.contentLength();
        responseChunks = !h.noBody() && h.chunked() ? new ChunkDecoder(true) : null;
        relayBody();
    }

    /** Moves the response body to the client, while the client's output has room. */
    private void relayBody() {
        InputBuffer body = up.input();
        while (state == State.RELAY && out.pending() < HIGH_WATER) {
            byte[] b = body.array();
            int p = body.position();
            int avail = body.buffered();
            if (head.noBody()) {
                responseDone();
                return;
            }
            if (responseChunks != null) {
                int end;
                try {
                    end = responseChunks.decode(b, p, p + avail, toClient);
                } catch (ChunkDecoder.ChunkException e) {
                    upstreamFailed(new UpstreamFailure(UpstreamFailure.Kind.MALFORMED, true,
                            x.upstream + " sent a malformed chunked body: " + e.getMessage(), null));
                    return;
                }
                body.skip(end - p);
                if (responseChunks.done()) {
                    if (rechunk) {
                        out.append("0\r\n\r\n");
                    }
                    responseDone();
                    return;
                }
            } else if (responseLeft >= 0) {
                int n = (int) Math.min(avail, responseLeft);
                out.append(b, p, n);
                body.skip(n);
                responseLeft -= n;
                x.bytes += n;
                if (responseLeft == 0) {
                    responseDone();
                    return;
                }
            } else {
                chunkToClient(b, p, avail);
                body.skip(avail);
                if (up.eof()) {
                    if (rechunk) {
                        out.append("0\r\n\r\n");
                    }
                    responseDone();
                    return;
                }
            }
            if (body.buffered() == 0) {
                if (up.eof()) {
                    upstreamFailed(new UpstreamFailure(UpstreamFailure.Kind.RESET, true,
                            x.upstream + " closed the connection in the middle of the body", null));
                    return;
                }
                break;
            }
        }
        if (state != State.RELAY) {
            return;
        }
        // while the client is slow to take the body, the upstream is not timed
        upstreamDeadline = out.pending() >= HIGH_WATER ? 0 : loop.now() + x.timeoutNanos;
        flushClient();
        updateUpstreamInterest();
    }

    private void chunkToClient(byte[] b, int off, int len) {
        if (len == 0) {
            return;
        }
        if (rechunk) {
            out.appendHex(len).crlf().append(b, off, len).crlf();
        } else {
            out.append(b, off, len);
        }
        x.bytes += len;
    }

    private void responseDone() {
        boolean reusable = head.keepAlive() && !head.untilClose() && !bodyAbandoned;
        endUpstream(reusable);
        proxy.responded(x);
        flushClient();
        if (state == State.RELAY) {
            endExchange(true);
        }
    }

    /** Gives the upstream connection back to the pool, or closes it. */
    private void endUpstream(boolean reusable) {
        if (current != null) {
            current.end();
        }
        if (up != null) {
            if (reusable) {
                pool.release(up, loop.now());
            } else {
                up.close();
            }
            up = null;
        }
        upstreamDeadline = 0;
    }

    private void upstreamFailed(UpstreamFailure f) {
        Upstream failed = current;
        proxy.upstreamFailed(x, failed, f);
        endUpstream(false);
        if (x.relaying) {
            // the response has started: it cannot be replaced by an error any more
            proxy.cutOff(x, f.getMessage());
            x.keepAlive = false;
            closeAfterWrite();
            return;
        }
        if (tries < 2 && ProxyHandler.retryable(x, f)) {
            attempt(proxy.pick(candidates, failed));
            return;
        }
        proxy.failed(x, f, out);
        // sends the answer: with the next request, or before the close
        endExchange(true);
    }

    private void clientGone(String why) {
        if (x != null) {
            proxy.clientGone(x, why);
            endUpstream(false);
        }
        close();
    }

    // ---- deadlines and close ----

    @Override
    public void tick(long now) {
        if (!admitted()) {
            return;
        }
        if (readDeadline != 0 && now - readDeadline >= 0) {
            if (state == State.HEAD || state == State.LINGER || x == null) {
                close();
            } else {
                clientGone("client sent nothing for " + proxy.config().clientReadTimeout().toMillis() + " ms");
            }
        } else if (writeDeadline != 0 && now - writeDeadline >= 0) {
            clientGone("client took nothing for " + proxy.config().clientReadTimeout().toMillis() + " ms");
        } else if (upstreamDeadline != 0 && now - upstreamDeadline >= 0) {
            if (state == State.CONNECTING) {
                upstreamFailed(new UpstreamFailure(UpstreamFailure.Kind.CONNECT, false, "cannot connect to "
                        + x.upstream + ": no answer within " + proxy.config().connectTimeout().toMillis() + " ms", null));
            } else {
                upstreamFailed(new UpstreamFailure(UpstreamFailure.Kind.TIMEOUT, up != null && up.responseStarted(),
                        x.upstream + " did not answer in time", null));
            }
        }
    }

    /**
     * Whether the peer may go on (no gate, the handshake not done yet, or still admitted); a peer
     * the gate no longer admits is cut off here, with what it had in flight.
     */
    private boolean admitted() {
        if (gate == null || state == State.CLOSED || !(channel instanceof TlsConduit t) || !t.established()) {
            return state != State.CLOSED;
        }
        long g = gate.generation();
        if (g == admittedAt) {
            return true;
        }
        if (gate.admits(t.session())) {
            admittedAt = g;
            return true;
        }
        clientGone("the peer is no longer admitted");
        return false;
    }

    /** Closes the connection at once (idempotent); the Helidon connection thread then returns. */
    void close() {
        if (state == State.CLOSED) {
            return;
        }
        state = State.CLOSED;
        if (up != null) {
            endUpstream(false);
        }
        loop.removeTimed(this);
        if (channel != null) {
            channel.close();
        } else {
            try {
                socket.close();
            } catch (IOException e) {
                // gone either way
            }
        }
        closed.countDown();
    }
}
