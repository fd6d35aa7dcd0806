package io.mycelium.edge.upstream;

import io.mycelium.edge.loop.EventLoop;
import java.nio.channels.SelectionKey;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * One event loop's idle keep-alive connections to upstream endpoints, per {@code host:port},
 * most recently used first. An idle connection stays registered for reading: if its upstream
 * closes it (or sends anything), it is closed and dropped at once instead of failing the next
 * request. Idle connections older than the idle timeout are closed at the loop's tick. Not
 * thread-safe: its loop's thread.
 */
public final class UpstreamPool implements UpstreamChannel.Owner, EventLoop.Timed {

    private final Map<String, ArrayDeque<UpstreamChannel>> idle = new HashMap<>();
    private final long idleTimeoutNanos;
    private final int maxIdlePerEndpoint;

    public UpstreamPool(long idleTimeoutNanos, int maxIdlePerEndpoint) {
        this.idleTimeoutNanos = idleTimeoutNanos;
        this.maxIdlePerEndpoint = maxIdlePerEndpoint;
    }

    /** An idle connection to {@code authority} that is still fresh, or null. */
    public UpstreamChannel acquire(String authority, long now) {
        ArrayDeque<UpstreamChannel> pool = idle.get(authority);
        if (pool == null) {
            return null;
        }
        UpstreamChannel c;
        while ((c = pool.pollFirst()) != null) {
            if (now - c.idleSince() < idleTimeoutNanos && c.clean()) {
                return c;
            }
            c.close();
        }
        return null;
    }

    /** Takes a connection back after a complete exchange; closes it if it is not clean or the pool is full. */
    public void release(UpstreamChannel c, long now) {
        if (!c.clean()) {
            c.close();
            return;
        }
        ArrayDeque<UpstreamChannel> pool = idle.get(c.authority());
        if (pool == null) {
            pool = new ArrayDeque<>();
            idle.put(c.authority(), pool);
        } else if (pool.size() >= maxIdlePerEndpoint) {
            c.close();
            return;
        }
        c.owner(this);
        c.interest(SelectionKey.OP_READ);
        c.markIdle(now);
        pool.offerFirst(c);
    }

    /** An idle connection became readable: its upstream closed it (or broke the protocol). */
    @Override
    public void upstreamReady(UpstreamChannel c, int readyOps) {
        if (c.stillIdle()) {
            return;
        }
        ArrayDeque<UpstreamChannel> pool = idle.get(c.authority());
        if (pool != null) {
            pool.remove(c);
        }
        c.close();
    }

    /** Closes idle connections past the idle timeout (oldest are at the end). */
    @Override
    public void tick(long now) {
        for (ArrayDeque<UpstreamChannel> pool : idle.values()) {
            UpstreamChannel c;
            while ((c = pool.peekLast()) != null && now - c.idleSince() >= idleTimeoutNanos) {
                pool.pollLast().close();
            }
        }
    }

    /** Closes every idle connection to {@code authority} (the endpoint went away or is draining). */
    public void closeIdle(String authority) {
        ArrayDeque<UpstreamChannel> pool = idle.remove(authority);
        if (pool != null) {
            pool.forEach(UpstreamChannel::close);
        }
    }

    /** Idle connections held for {@code authority}. */
    public int idleCount(String authority) {
        ArrayDeque<UpstreamChannel> pool = idle.get(authority);
        return pool == null ? 0 : pool.size();
    }

    /** Closes every idle connection. */
    public void closeAll() {
        for (Iterator<ArrayDeque<UpstreamChannel>> it = idle.values().iterator(); it.hasNext(); ) {
            it.next().forEach(UpstreamChannel::close);
            it.remove();
        }
    }
}
