package io.mycelium.edge.proxy;

import io.helidon.common.concurrency.limits.Limit;
import io.helidon.common.socket.HelidonSocket;
import io.helidon.webserver.ConnectionContext;
import io.helidon.webserver.spi.ServerConnection;
import io.mycelium.edge.loop.EventLoop;
import io.mycelium.edge.tls.PeerGate;
import io.mycelium.edge.tls.ServerTls;
import io.mycelium.edge.upstream.UpstreamPool;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.channels.SocketChannel;
import java.time.Duration;

/**
 * One connection of the edge's Helidon listener, handed over to an event loop: Helidon accepts
 * it, counts it against the connection cap and runs {@link #handle} on a virtual thread; the
 * handle switches the accepted socket to non-blocking mode, gives it to a {@link ClientSession}
 * on one of the edge's loops, and parks until that session closes it. The session enforces the
 * read and write timeouts itself, so Helidon's idle check never sees the connection idle.
 */
final class EdgeConnection implements ServerConnection {

    private final HelidonSocket socket;
    private final SocketChannel channel;
    private final ClientSession session;
    private final EventLoop loop;

    /** @param tls the listener's TLS, or null for plain HTTP */
    EdgeConnection(ConnectionContext ctx, ProxyHandler proxy, EventLoop loop, UpstreamPool pool, ServerTls tls) {
        this.socket = ctx.serverSocket();
        this.loop = loop;
        this.channel = RawChannel.of(socket);
        this.session = channel == null ? null : new ClientSession(loop, channel, tls == null ? null : tls.newEngine(), proxy,
                pool, new ClientSession.Peer(address(ctx.remotePeer().address()), tls != null),
                tls instanceof PeerGate gate ? gate : null);
    }

    @Override
    public void handle(Limit limit) {
        if (session == null) {
            // not a plain TCP socket (EdgeServer refuses to start where that could happen)
            return;
        }
        try {
            channel.configureBlocking(false);
        } catch (IOException e) {
            return;
        }
        loop.execute(session::start);
        try {
            session.awaitClosed();
        } catch (InterruptedException e) {
            // the server is stopping
            loop.execute(session::close);
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public Duration idleTime() {
        return Duration.ZERO;
    }

    @Override
    public void close(boolean interrupt) {
        if (session != null) {
            loop.execute(session::close);
        }
        try {
            socket.close();
        } catch (UncheckedIOException e) {
            // already closed
        }
    }

    private static String address(SocketAddress address) {
        if (address instanceof InetSocketAddress inet && inet.getAddress() != null) {
            return inet.getAddress().getHostAddress();
        }
        return String.valueOf(address);
    }
}
