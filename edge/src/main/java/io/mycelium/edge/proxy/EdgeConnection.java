package io.mycelium.edge.proxy;

import io.helidon.common.buffers.BufferData;
import io.helidon.common.concurrency.limits.Limit;
import io.helidon.common.socket.HelidonSocket;
import io.helidon.webserver.ConnectionContext;
import io.helidon.webserver.spi.ServerConnection;
import io.mycelium.edge.EdgeConfig;
import io.mycelium.edge.client.BadRequestException;
import io.mycelium.edge.client.ClientInput;
import io.mycelium.edge.client.ClientOutput;
import io.mycelium.edge.client.ClientRequest;
import io.mycelium.edge.client.RequestParser;
import io.mycelium.edge.upstream.ClientGoneException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.net.SocketAddress;
import java.time.Duration;

/**
 * One client connection, served by the edge's own HTTP/1.1 loop on the socket Helidon accepted:
 * read a head, parse it in place, proxy the request, repeat while the connection stays open.
 * Helidon runs {@link #handle} on the connection's virtual thread and asks {@link #idleTime()}
 * periodically: the connection counts as idle while it waits for a request head (from the
 * moment it started waiting, so a head trickled in byte by byte is cut off too), while a read
 * of the request body or a write of the response is blocked; Helidon closes it past the client
 * read timeout.
 */
final class EdgeConnection implements ServerConnection {

    private final HelidonSocket socket;
    /** The socket's plain channel when reachable (see {@link RawChannel}); else null. */
    private final SocketChannel channel;
    private final ProxyHandler proxy;
    private final ClientInput in;
    private final ClientOutput out;
    private final ProxyHandler.Client client;
    private final ClientRequest request = new ClientRequest();
    /** What the last socket read returned and how much of it was taken. */
    private byte[] pending;
    private int pendingAt;
    /** System.nanoTime() when the connection began waiting on the client; 0 while it is not. */
    private volatile long waitingSince;
    private boolean readingHead;

    EdgeConnection(ConnectionContext ctx, ProxyHandler proxy, EdgeConfig config) {
        this.socket = ctx.serverSocket();
        this.channel = RawChannel.of(socket);
        this.proxy = proxy;
        this.in = new ClientInput(this::read, config.maxPrologueBytes(), config.maxHeaderBytes());
        this.out = new ClientOutput(this::write);
        this.client = new ProxyHandler.Client(in, out, address(ctx.remotePeer().address()), ctx.isSecure());
    }

    @Override
    public void handle(Limit limit) {
        try {
            while (true) {
                readingHead = true;
                waitingSince = System.nanoTime();
                try {
                    if (!in.readHead()) {
                        return;
                    }
                    waitingSince = 0;
                    readingHead = false;
                    RequestParser.parse(in.buffer(), in.headStart(), in.headEnd(), request);
                } catch (BadRequestException e) {
                    waitingSince = 0;
                    readingHead = false;
                    proxy.refuse(e, client);
                    return;
                }
                if (!proxy.serve(request, client)) {
                    return;
                }
            }
        } catch (IOException | UncheckedIOException e) {
            // the client went away or was cut off: nothing to answer
        } finally {
            // Helidon closes the socket when this returns
            waitingSince = 0;
        }
    }

    private int read(byte[] b, int off, int len) throws IOException {
        if (channel != null) {
            return readChannel(b, off, len);
        }
        if (pending == null || pendingAt == pending.length) {
            boolean timed = beforeRead();
            try {
                // the socket's own read: one array per read, holding exactly what arrived
                pending = socket.get();
                pendingAt = 0;
            } catch (UncheckedIOException | IllegalStateException e) {
                throw new ClientGoneException("client connection failed: " + e.getMessage(), e);
            } finally {
                if (timed) {
                    waitingSince = 0;
                }
            }
            if (pending == null) {
                return -1;
            }
        }
        int n = Math.min(len, pending.length - pendingAt);
        System.arraycopy(pending, pendingAt, b, off, n);
        pendingAt += n;
        return n;
    }

    /**
     * Before a socket read: a body read is timed (it counts as idle time until it returns); before
     * the next request head, the other connections run first, so that the client's next request is
     * often there when this thread comes back and the read does not park on the poller (an epoll
     * registration and a wake-up saved). Returns whether the read is timed.
     */
    private boolean beforeRead() {
        boolean timed = !readingHead;
        if (timed) {
            waitingSince = System.nanoTime();
        } else if (Thread.currentThread().isVirtual()) {
            Thread.yield();
        }
        return timed;
    }

    /** Reads straight into the caller's buffer (no array per read, no intermediate copy). */
    private int readChannel(byte[] b, int off, int len) throws IOException {
        boolean timed = beforeRead();
        try {
            return channel.read(ByteBuffer.wrap(b, off, len));
        } catch (IOException e) {
            throw new ClientGoneException("client connection failed: " + e.getMessage(), e);
        } finally {
            if (timed) {
                waitingSince = 0;
            }
        }
    }

    private void write(byte[] b, int off, int len) throws IOException {
        waitingSince = System.nanoTime();
        try {
            if (channel != null) {
                ByteBuffer buf = ByteBuffer.wrap(b, off, len);
                while (buf.hasRemaining()) {
                    channel.write(buf);
                }
                return;
            }
            socket.write(BufferData.create(b, off, len));
        } catch (UncheckedIOException e) {
            throw new ClientGoneException("client went away while the response was written: "
                    + e.getCause().getMessage(), e);
        } catch (ClientGoneException e) {
            throw e;
        } catch (IOException e) {
            throw new ClientGoneException("client went away while the response was written: " + e.getMessage(), e);
        } finally {
            waitingSince = 0;
        }
    }

    @Override
    public Duration idleTime() {
        long since = waitingSince;
        return since == 0 ? Duration.ZERO : Duration.ofNanos(System.nanoTime() - since);
    }

    @Override
    public void close(boolean interrupt) {
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
