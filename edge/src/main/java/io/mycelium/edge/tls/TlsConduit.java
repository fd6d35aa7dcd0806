package io.mycelium.edge.tls;

import io.mycelium.edge.loop.Conduit;
import io.mycelium.edge.loop.EventLoop;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSession;

/**
 * A TLS connection on an event loop: an {@link SSLEngine} between the socket and the
 * connection's code, which reads and writes plaintext as it would on a plain socket. The
 * handshake is driven by the socket's events before the owner is told anything; the engine's
 * tasks (certificate checks, signatures) run on the loop's thread. Decrypted bytes the owner had
 * no room for stay here, and the owner is told again while it wants to read them, since the socket
 * will not signal them. Ciphertext the socket did not take is sent when it becomes writable; a
 * {@link #shutdownOutput} waits for it and for the close_notify. A failure (a bad handshake, a
 * forged record) is raised by the owner's next read or write, and the peer gets the engine's
 * alert if the socket takes it. Not thread-safe: its loop's thread.
 */
public final class TlsConduit implements Conduit, EventLoop.Handler {

    private static final ByteBuffer EMPTY = ByteBuffer.allocate(0);

    private final EventLoop loop;
    private final SocketChannel channel;
    private final SSLEngine engine;
    private SelectionKey key;
    private Owner owner;
    private boolean tcpConnecting;
    private boolean handshaking = true;
    /** The handshake finished during the current event: the owner may act on buffered data now. */
    private boolean justFinished;
    /** Ciphertext received, not yet decrypted: [0, position). */
    private ByteBuffer netIn;
    /** Ciphertext to send: [0, position). */
    private ByteBuffer netOut;
    /** Plaintext decrypted, not yet taken by the owner: [0, position); allocated when needed. */
    private ByteBuffer appIn;
    /** netIn holds only part of a record: nothing to decrypt until more arrives. */
    private boolean underflow;
    private boolean peerEof;
    private boolean inboundDone;
    private boolean outputShut;
    private boolean tcpOutputShut;
    private boolean closed;
    private IOException failure;
    private int wanted;
    private int ops = -1;
    private boolean redispatchQueued;
    private boolean failureTold;

    private TlsConduit(EventLoop loop, SocketChannel channel, SSLEngine engine, Owner owner, boolean tcpConnecting, int wanted) {
        this.loop = loop;
        this.channel = channel;
        this.engine = engine;
        this.owner = owner;
        this.tcpConnecting = tcpConnecting;
        this.wanted = wanted;
        SSLSession s = engine.getSession();
        this.netIn = ByteBuffer.allocate(s.getPacketBufferSize());
        this.netOut = ByteBuffer.allocate(2 * s.getPacketBufferSize());
    }

    /** The server side of an accepted connection: waits for the client's hello. */
    public static TlsConduit server(EventLoop loop, SocketChannel channel, SSLEngine engine, int ops, Owner owner)
            throws IOException {
        engine.setUseClientMode(false);
        return register(new TlsConduit(loop, channel, engine, owner, false, ops));
    }

    /**
     * The client side of an outgoing connection ({@code connecting}: its TCP connect is pending;
     * the owner is told when {@link #finishConnect()} should be called, which sends the hello).
     */
    public static TlsConduit client(EventLoop loop, SocketChannel channel, boolean connecting, SSLEngine engine, int ops,
                                    Owner owner) throws IOException {
        engine.setUseClientMode(true);
        return register(new TlsConduit(loop, channel, engine, owner, connecting, ops));
    }

    private static TlsConduit register(TlsConduit c) throws IOException {
        c.key = c.loop.register(c.channel, 0, c);
        if (!c.tcpConnecting) {
            c.begin();
        }
        c.updateOps();
        return c;
    }

    private void begin() throws IOException {
        engine.beginHandshake();
        try {
            handshake();
        } catch (IOException e) {
            fail(e);
        }
    }

    /** The TLS session (its peer's certificates once the handshake is done). */
    public SSLSession session() {
        return engine.getSession();
    }

    /** Whether the handshake has completed. */
    public boolean established() {
        return !handshaking && failure == null;
    }

    @Override
    public boolean secure() {
        return true;
    }

    // ---- events ----

    @Override
    public void ready(SelectionKey k) {
        if (!k.isValid()) {
            return;
        }
        int r = k.readyOps();
        if (tcpConnecting) {
            owner.ready(r);
            return;
        }
        justFinished = false;
        if (failure == null) {
            try {
                if ((r & SelectionKey.OP_WRITE) != 0) {
                    flushNet();
                }
                if (handshaking) {
                    handshake();
                }
            } catch (IOException e) {
                fail(e);
            }
        }
        int deliver = 0;
        if (failure != null) {
            // the owner learns it from its next read or write
            failureTold = true;
            deliver = SelectionKey.OP_READ | SelectionKey.OP_WRITE;
        } else if (!handshaking) {
            if ((wanted & SelectionKey.OP_READ) != 0 && ((r & SelectionKey.OP_READ) != 0 || justFinished || bufferedInput())) {
                deliver |= SelectionKey.OP_READ;
            }
            if ((wanted & SelectionKey.OP_WRITE) != 0 && netOut.position() == 0
                    && ((r & SelectionKey.OP_WRITE) != 0 || justFinished)) {
                deliver |= SelectionKey.OP_WRITE;
            }
        }
        if (deliver != 0) {
            owner.ready(deliver);
        }
        updateOps();
    }

    private void redispatch() {
        redispatchQueued = false;
        if (closed) {
            return;
        }
        if (failure != null) {
            if (!failureTold) {
                failureTold = true;
                owner.ready(SelectionKey.OP_READ | SelectionKey.OP_WRITE);
            }
            return;
        }
        if ((wanted & SelectionKey.OP_READ) != 0 && bufferedInput()) {
            owner.ready(SelectionKey.OP_READ);
        }
        updateOps();
    }

    @Override
    public void owner(Owner next) {
        owner = next;
    }

    @Override
    public void interest(int ops) {
        wanted = ops;
        updateOps();
    }

    private void updateOps() {
        if (closed || !key.isValid()) {
            return;
        }
        int want;
        if (tcpConnecting) {
            want = SelectionKey.OP_CONNECT;
        } else if (failure != null) {
            want = netOut.position() > 0 ? SelectionKey.OP_WRITE : 0;
            if (!failureTold) {
                queueRedispatch();
            }
        } else {
            want = netOut.position() > 0 ? SelectionKey.OP_WRITE : 0;
            if (handshaking) {
                SSLEngineResult.HandshakeStatus hs = engine.getHandshakeStatus();
                if (hs == SSLEngineResult.HandshakeStatus.NEED_UNWRAP || hs == SSLEngineResult.HandshakeStatus.NEED_UNWRAP_AGAIN) {
                    want |= SelectionKey.OP_READ;
                }
            } else {
                boolean buffered = bufferedInput();
                if ((wanted & SelectionKey.OP_READ) != 0) {
                    if (buffered) {
                        queueRedispatch();
                    } else {
                        want |= SelectionKey.OP_READ;
                    }
                }
                want |= wanted & SelectionKey.OP_WRITE;
            }
        }
        if (want != ops) {
            key.interestOps(want);
            ops = want;
        }
    }

    private void queueRedispatch() {
        if (!redispatchQueued) {
            redispatchQueued = true;
            loop.execute(this::redispatch);
        }
    }

    /** Whether plaintext is (or may be) here without the socket signalling anything. */
    private boolean bufferedInput() {
        return (appIn != null && appIn.position() > 0) || (netIn.position() > 0 && !underflow && !inboundDone);
    }

    // ---- connect and handshake ----

    @Override
    public boolean connecting() {
        return tcpConnecting;
    }

    @Override
    public boolean finishConnect() throws IOException {
        if (!channel.finishConnect()) {
            return false;
        }
        tcpConnecting = false;
        begin();
        updateOps();
        return true;
    }

    /** Moves the handshake on as far as the socket allows. */
    private void handshake() throws IOException {
        while (handshaking) {
            switch (engine.getHandshakeStatus()) {
                case NEED_TASK -> runTasks();
                case NEED_WRAP -> {
                    if (!wrap(EMPTY)) {
                        return;
                    }
                }
                case NEED_UNWRAP, NEED_UNWRAP_AGAIN -> {
                    if (!unwrapHandshake()) {
                        return;
                    }
                }
                case FINISHED, NOT_HANDSHAKING -> {
                    handshaking = false;
                    justFinished = true;
                }
            }
        }
    }

    private void runTasks() {
        Runnable task;
        while ((task = engine.getDelegatedTask()) != null) {
            task.run();
        }
    }

    /** Wraps {@code src} into netOut and sends what the socket takes; false when netOut has no room. */
    private boolean wrap(ByteBuffer src) throws IOException {
        while (true) {
            SSLEngineResult res = engine.wrap(src, netOut);
            switch (res.getStatus()) {
                case OK -> {
                    flushNet();
                    return true;
                }
                case BUFFER_OVERFLOW -> {
                    if (netOut.position() > 0) {
                        if (!flushNet()) {
                            return false;
                        }
                    } else {
                        netOut = grow(netOut, engine.getSession().getPacketBufferSize());
                    }
                }
                case CLOSED -> {
                    flushNet();
                    if (handshaking) {
                        throw new SSLException("the TLS handshake was closed");
                    }
                    return true;
                }
                default -> throw new SSLException("unexpected TLS wrap status " + res.getStatus());
            }
        }
    }

    /** One unwrap step of the handshake; false when it must wait for the socket. */
    private boolean unwrapHandshake() throws IOException {
        if (netIn.position() == 0 || underflow) {
            int n = readNet();
            if (n < 0) {
                throw new EOFException("the peer closed the connection during the TLS handshake");
            }
            if (n == 0) {
                return false;
            }
        }
        SSLEngineResult res = unwrap(appIn());
        switch (res.getStatus()) {
            case OK -> {
                return true;
            }
            case BUFFER_UNDERFLOW -> {
                underflow = true;
                if (!netIn.hasRemaining()) {
                    netIn = grow(netIn, engine.getSession().getPacketBufferSize());
                }
                return true;
            }
            case BUFFER_OVERFLOW -> {
                appIn = grow(appIn, engine.getSession().getApplicationBufferSize());
                return true;
            }
            default -> throw new SSLException("the peer closed the TLS connection during the handshake");
        }
    }

    private SSLEngineResult unwrap(ByteBuffer into) throws SSLException {
        netIn.flip();
        try {
            return engine.unwrap(netIn, into);
        } finally {
            netIn.compact();
        }
    }

    private int readNet() throws IOException {
        if (peerEof) {
            return -1;
        }
        int n = channel.read(netIn);
        if (n > 0) {
            underflow = false;
        } else if (n < 0) {
            peerEof = true;
        }
        return n;
    }

    /** Sends what the socket takes of netOut; true when nothing is left. */
    private boolean flushNet() throws IOException {
        if (netOut.position() > 0) {
            netOut.flip();
            try {
                channel.write(netOut);
            } finally {
                netOut.compact();
            }
        }
        boolean empty = netOut.position() == 0;
        if (empty && outputShut && !tcpOutputShut) {
            tcpOutputShut = true;
            channel.shutdownOutput();
        }
        return empty;
    }

    private ByteBuffer appIn() {
        if (appIn == null) {
            appIn = ByteBuffer.allocate(engine.getSession().getApplicationBufferSize());
        }
        return appIn;
    }

    private static ByteBuffer grow(ByteBuffer b, int atLeast) {
        ByteBuffer bigger = ByteBuffer.allocate(Math.max(atLeast, 2 * b.capacity()));
        b.flip();
        bigger.put(b);
        return bigger;
    }

    private void fail(IOException e) {
        if (failure != null) {
            return;
        }
        failure = e;
        // the engine has an alert for the peer when it refused something: send it if the socket takes it
        try {
            engine.closeOutbound();
            engine.wrap(EMPTY, netOut);
            flushNet();
        } catch (IOException | RuntimeException ignored) {
            // the connection is failing anyway
        }
    }

    // ---- data ----

    @Override
    public int read(ByteBuffer dst) throws IOException {
        if (failure != null) {
            throw failure;
        }
        if (handshaking || closed) {
            return 0;
        }
        int n = drain(dst);
        boolean direct = false;
        while (dst.hasRemaining() && !inboundDone) {
            if (netIn.position() == 0 || underflow) {
                int r = readNet();
                if (r <= 0) {
                    break;
                }
            }
            int appSize = engine.getSession().getApplicationBufferSize();
            ByteBuffer into = !direct && dst.remaining() >= appSize ? dst : appIn();
            int before = dst.position();
            SSLEngineResult res;
            try {
                res = unwrap(into);
            } catch (SSLException e) {
                fail(e);
                throw e;
            }
            switch (res.getStatus()) {
                case OK -> {
                    n += into == dst ? dst.position() - before : drain(dst);
                    if (res.getHandshakeStatus() != SSLEngineResult.HandshakeStatus.NOT_HANDSHAKING
                            && res.getHandshakeStatus() != SSLEngineResult.HandshakeStatus.FINISHED) {
                        postHandshake();
                    }
                }
                case BUFFER_UNDERFLOW -> {
                    underflow = true;
                    if (!netIn.hasRemaining()) {
                        netIn = grow(netIn, engine.getSession().getPacketBufferSize());
                    }
                }
                case BUFFER_OVERFLOW -> {
                    if (into == dst) {
                        direct = true;
                    } else {
                        appIn = grow(appIn, appSize);
                    }
                }
                case CLOSED -> inboundDone = true;
            }
        }
        if (n == 0 && (inboundDone || (peerEof && netIn.position() == 0) || (peerEof && underflow))) {
            return -1;
        }
        return n;
    }

    /** A key update or a session ticket after the handshake: the engine's tasks and replies. */
    private void postHandshake() throws IOException {
        while (true) {
            switch (engine.getHandshakeStatus()) {
                case NEED_TASK -> runTasks();
                case NEED_WRAP -> {
                    if (!wrap(EMPTY)) {
                        return;
                    }
                }
                default -> {
                    return;
                }
            }
        }
    }

    private int drain(ByteBuffer dst) {
        if (appIn == null || appIn.position() == 0) {
            return 0;
        }
        appIn.flip();
        int n = Math.min(appIn.remaining(), dst.remaining());
        int limit = appIn.limit();
        appIn.limit(appIn.position() + n);
        dst.put(appIn);
        appIn.limit(limit);
        appIn.compact();
        return n;
    }

    @Override
    public int write(ByteBuffer src) throws IOException {
        if (failure != null) {
            throw failure;
        }
        if (outputShut) {
            throw new IOException("the TLS output is shut");
        }
        if (handshaking || closed) {
            return 0;
        }
        int taken = 0;
        try {
            while (src.hasRemaining()) {
                if (netOut.position() > 0 && !flushNet()) {
                    break;
                }
                SSLEngineResult res = engine.wrap(src, netOut);
                switch (res.getStatus()) {
                    case OK -> taken += res.bytesConsumed();
                    case BUFFER_OVERFLOW -> {
                        if (netOut.position() == 0) {
                            netOut = grow(netOut, engine.getSession().getPacketBufferSize());
                        } else if (!flushNet()) {
                            return taken;
                        }
                    }
                    default -> throw new IOException("the TLS connection is closed");
                }
            }
            flushNet();
        } catch (IOException e) {
            fail(e);
            throw e;
        }
        return taken;
    }

    @Override
    public void shutdownOutput() throws IOException {
        if (outputShut || failure != null) {
            return;
        }
        outputShut = true;
        engine.closeOutbound();
        while (!engine.isOutboundDone()) {
            if (engine.wrap(EMPTY, netOut).getStatus() == SSLEngineResult.Status.BUFFER_OVERFLOW) {
                if (netOut.position() == 0) {
                    netOut = grow(netOut, engine.getSession().getPacketBufferSize());
                } else {
                    break; // the rest follows once the socket takes what waits
                }
            }
        }
        flushNet();
        updateOps();
    }

    @Override
    public boolean isOpen() {
        return !closed && channel.isOpen();
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        key.cancel();
        try {
            channel.close();
        } catch (IOException e) {
            // gone either way
        }
    }
}
