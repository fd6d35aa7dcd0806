package io.mycelium.edge;

import io.helidon.http.Headers;
import io.helidon.webserver.ConnectionContext;
import io.helidon.webserver.http1.Http1ConnectionListener;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * Cuts off clients that take too long to send a request head (slowloris). Helidon's own idle
 * handling only closes connections that sit idle between requests, and its read timeout does not
 * apply to server sockets, so the edge watches header blocks itself: a parsed request line starts
 * a deadline, the complete headers end it, and a thread ({@code edge-client-guard}) closes the
 * socket of any connection past its deadline. (A client slow in the request line itself is
 * closed by Helidon's idle-connection handler, which the edge sets to the same timeout.) Thread-safe; listener methods run on connection threads.
 */
final class SlowClientGuard implements Http1ConnectionListener, AutoCloseable {

    private static final System.Logger LOG = System.getLogger(SlowClientGuard.class.getName());

    private final long headTimeoutNanos;
    private final Ticker ticker;
    /** One entry per connection (added once, removed when the connection is gone). */
    private final Map<ConnectionContext, Deadline> deadlines = new ConcurrentHashMap<>();

    /** The head deadline of one connection; 0 while it is not reading a head. */
    private static final class Deadline {
        volatile long at;
    }
    private final LongAdder cutOff = new LongAdder();
    private final ScheduledExecutorService watchdog;

    SlowClientGuard(Duration headTimeout, Ticker ticker) {
        this.headTimeoutNanos = headTimeout.toNanos();
        this.ticker = Objects.requireNonNull(ticker, "ticker");
        this.watchdog = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "edge-client-guard");
            t.setDaemon(true);
            return t;
        });
        long period = Math.max(50, Math.min(1000, headTimeout.toMillis() / 4));
        watchdog.scheduleAtFixedRate(this::sweep, period, period, TimeUnit.MILLISECONDS);
    }

    @Override
    public void prologue(ConnectionContext ctx, io.helidon.http.HttpPrologue prologue) {
        awaitingHead(ctx);
    }

    private void awaitingHead(ConnectionContext ctx) {
        Deadline d = deadlines.get(ctx);
        if (d == null) {
            d = deadlines.computeIfAbsent(ctx, c -> new Deadline());
        }
        d.at = ticker.nanoTime() + headTimeoutNanos;
    }

    @Override
    public void headers(ConnectionContext ctx, Headers headers) {
        Deadline d = deadlines.get(ctx);
        if (d != null) {
            d.at = 0;
        }
    }

    /** Connections closed for being too slow so far. */
    long cutOff() {
        return cutOff.sum();
    }

    private void sweep() {
        long now = ticker.nanoTime();
        deadlines.forEach((ctx, deadline) -> {
            if (!ctx.serverSocket().isConnected()) {
                deadlines.remove(ctx);
                return;
            }
            long at = deadline.at;
            if (at != 0 && now - at >= 0 && deadlines.remove(ctx, deadline)) {
                cutOff.increment();
                try {
                    ctx.serverSocket().close();
                } catch (RuntimeException e) {
                    LOG.log(System.Logger.Level.DEBUG, "closing slow client " + ctx.socketId() + ": " + e);
                }
            }
        });
    }

    @Override
    public void close() {
        watchdog.shutdownNow();
    }
}
