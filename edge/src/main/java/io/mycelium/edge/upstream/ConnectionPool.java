package io.mycelium.edge.upstream;

import io.mycelium.edge.Ticker;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Deque;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Keep-alive connections to upstream endpoints, per {@code host:port}, most recently used first.
 * Idle connections older than the idle timeout are closed instead of reused, because backends
 * close idle connections on their own and a stale socket costs a failed request. Thread-safe.
 */
public final class ConnectionPool implements AutoCloseable {

    private final Map<String, Idle> idle = new ConcurrentHashMap<>();
    private final Duration connectTimeout;
    private final long idleTimeoutNanos;
    private final int maxIdlePerEndpoint;
    private final Ticker ticker;
    private final java.util.Set<UpstreamConnection> open = ConcurrentHashMap.newKeySet();
    private final java.util.concurrent.ScheduledExecutorService watchdog;

    private static final class Idle {
        final Deque<UpstreamConnection> connections = new ConcurrentLinkedDeque<>();
        final AtomicInteger size = new AtomicInteger();
    }

    public ConnectionPool(Duration connectTimeout, Duration idleTimeout, int maxIdlePerEndpoint, Ticker ticker) {
        this.connectTimeout = Objects.requireNonNull(connectTimeout, "connectTimeout");
        this.idleTimeoutNanos = idleTimeout.toNanos();
        this.maxIdlePerEndpoint = maxIdlePerEndpoint;
        this.ticker = Objects.requireNonNull(ticker, "ticker");
        this.watchdog = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "edge-upstream-timeouts");
            t.setDaemon(true);
            return t;
        });
        watchdog.scheduleAtFixedRate(this::expireStalled, WATCHDOG_MILLIS, WATCHDOG_MILLIS,
                java.util.concurrent.TimeUnit.MILLISECONDS);
    }

    /** How often stalled exchanges are looked for; timeouts are enforced to within this. */
    static final long WATCHDOG_MILLIS = 25;

    long now() {
        return ticker.nanoTime();
    }

    /** Closes the sockets of exchanges that made no progress within their timeout. */
    void expireStalled() {
        long now = ticker.nanoTime();
        for (UpstreamConnection c : open) {
            c.expireIfStalled(now);
        }
    }

    void forget(UpstreamConnection c) {
        open.remove(c);
    }

    /** An idle pooled connection to {@code host:port}, or a new one. */
    public UpstreamConnection acquire(String host, int port, String authority) throws UpstreamFailure {
        Idle pool = idle.get(authority);
        if (pool != null) {
            long now = ticker.nanoTime();
            UpstreamConnection c;
            while ((c = pool.connections.pollFirst()) != null) {
                pool.size.decrementAndGet();
                if (now - c.idleSince() < idleTimeoutNanos) {
                    return c;
                }
                c.close();
            }
        }
        return connect(host, port, authority);
    }

    private UpstreamConnection connect(String host, int port, String authority) throws UpstreamFailure {
        Socket socket = new Socket();
        try {
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress(host, port), (int) Math.max(1, connectTimeout.toMillis()));
            UpstreamConnection c = new UpstreamConnection(socket, authority, ticker.nanoTime(), this);
            open.add(c);
            return c;
        } catch (SocketTimeoutException | ConnectException e) {
            closeQuietly(socket);
            throw new UpstreamFailure(UpstreamFailure.Kind.CONNECT, false, "cannot connect to " + authority + ": " + e.getMessage(), e);
        } catch (IOException | RuntimeException e) {
            closeQuietly(socket);
            throw new UpstreamFailure(UpstreamFailure.Kind.CONNECT, false, "cannot connect to " + authority + ": " + e, e);
        }
    }

    /** Returns a connection after a complete exchange; closes it if not reusable or the pool is full. */
    public void release(UpstreamConnection c) {
        c.end();
        if (!c.reusable()) {
            c.close();
            return;
        }
        Idle pool = idle.computeIfAbsent(c.authority(), a -> new Idle());
        if (pool.size.incrementAndGet() > maxIdlePerEndpoint) {
            pool.size.decrementAndGet();
            c.close();
            return;
        }
        c.markIdle(ticker.nanoTime());
        pool.connections.offerFirst(c);
    }

    /** Closes every idle connection to {@code authority} (the endpoint went away or is draining). */
    public void closeIdle(String authority) {
        Idle pool = idle.remove(authority);
        if (pool != null) {
            UpstreamConnection c;
            while ((c = pool.connections.pollFirst()) != null) {
                c.close();
            }
        }
    }

    /** Idle connections held for {@code authority}, for tests and metrics. */
    public int idleCount(String authority) {
        Idle pool = idle.get(authority);
        return pool == null ? 0 : pool.connections.size();
    }

    @Override
    public void close() {
        watchdog.shutdownNow();
        for (String authority : idle.keySet()) {
            closeIdle(authority);
        }
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException e) {
            // already failing; the socket is discarded
        }
    }
}
