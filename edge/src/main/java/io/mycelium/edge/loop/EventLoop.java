package io.mycelium.edge.loop;

import io.mycelium.spore.time.Clock;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One selector thread: it runs the handlers of the channels registered with it when they are
 * ready, tasks handed to it from other threads, and a timer tick for deadlines. Everything a
 * handler touches belongs to this thread, so handlers need no locks. Start with {@link #start},
 * stop with {@link #close}.
 */
public final class EventLoop implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(EventLoop.class.getName());

    /** Reacts to its channel being ready; runs on the loop's thread. */
    @FunctionalInterface
    public interface Handler {
        void ready(SelectionKey key);
    }

    /** Checks its deadlines; runs on the loop's thread at every tick. */
    @FunctionalInterface
    public interface Timed {
        void tick(long now);
    }

    private final Selector selector;
    private final Thread thread;
    private final Clock clock;
    private final long tickNanos;
    private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean wakeupPending = new AtomicBoolean();
    private final java.util.Set<Timed> timed = new java.util.HashSet<>();
    private final List<Timed> ticking = new ArrayList<>();
    private volatile boolean running = true;
    /** The loop thread's staging buffer for socket reads and writes (see {@link #ioBuffer()}). */
    private final java.nio.ByteBuffer io = java.nio.ByteBuffer.allocateDirect(IO_BUFFER);
    private long nextTick;
    /** {@link #now()}: the clock when the loop last woke up. */
    private long now;
    /** Whether the clock has been read since the last select began. */
    private boolean woke;

    /**
     * @param name      the thread's name
     * @param tickNanos how often deadlines are checked (timeouts are enforced to within it)
     */
    public EventLoop(String name, Clock clock, long tickNanos) {
        try {
            this.selector = Selector.open();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open a selector: " + e.getMessage(), e);
        }
        this.clock = clock;
        this.tickNanos = tickNanos;
        this.thread = new Thread(this::run, name);
        thread.setDaemon(true);
    }

    /** Size of {@link #ioBuffer()}: the most one socket read or write moves. */
    public static final int IO_BUFFER = 64 * 1024;

    /**
     * A direct buffer for the loop thread's socket reads and writes: bytes pass through it on
     * their way to and from the connections' own arrays. The JDK would otherwise find a temporary
     * direct buffer of its own for every read and write of an array-backed buffer. Loop thread
     * only; its content is not kept between calls.
     */
    public java.nio.ByteBuffer ioBuffer() {
        return io;
    }

    public EventLoop start() {
        thread.start();
        return this;
    }

    /**
     * The loop's clock as read when the loop last woke up (loop thread only): handlers arm their
     * deadlines from it without reading the clock for each one.
     */
    public long now() {
        return now;
    }

    /** Whether the caller runs on this loop's thread. */
    public boolean inLoop() {
        return Thread.currentThread() == thread;
    }

    /** Runs {@code task} on the loop's thread, soon. */
    public void execute(Runnable task) {
        tasks.add(task);
        if (!inLoop() && wakeupPending.compareAndSet(false, true)) {
            selector.wakeup();
        }
    }

    /** Registers {@code channel} (non-blocking) with {@code handler}; loop thread only. */
    public SelectionKey register(SelectableChannel channel, int ops, Handler handler) throws ClosedChannelException {
        return channel.register(selector, ops, handler);
    }

    /** Adds {@code t} to the tick; loop thread only. */
    public void addTimed(Timed t) {
        timed.add(t);
    }

    /** Removes {@code t} from the tick; loop thread only. */
    public void removeTimed(Timed t) {
        timed.remove(t);
    }

    private void run() {
        now = clock.nanoTime();
        nextTick = now + tickNanos;
        while (running) {
            try {
                long wait = Math.max(1, (nextTick - now) / 1_000_000);
                woke = false;
                if (tasks.isEmpty()) {
                    selector.select(this::dispatch, wait);
                } else {
                    selector.selectNow(this::dispatch);
                }
                if (!woke) {
                    now = clock.nanoTime();
                }
                wakeupPending.set(false);
                runTasks();
                if (now - nextTick >= 0) {
                    nextTick = now + tickNanos;
                    tick(now);
                }
            } catch (IOException | RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "edge event loop " + thread.getName() + ": " + e, e);
            }
        }
        closeAll();
    }

    private void dispatch(SelectionKey key) {
        if (!woke) {
            // the clock is read once per batch of ready channels
            woke = true;
            now = clock.nanoTime();
        }
        try {
            ((Handler) key.attachment()).ready(key);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "edge event loop: a connection handler failed: " + e, e);
            key.cancel();
            closeQuietly(key.channel());
        }
    }

    private void runTasks() {
        Runnable r;
        while ((r = tasks.poll()) != null) {
            try {
                r.run();
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "edge event loop: a task failed: " + e, e);
            }
        }
    }

    private void tick(long now) {
        ticking.clear();
        ticking.addAll(timed);
        for (Timed t : ticking) {
            try {
                t.tick(now);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "edge event loop: a deadline check failed: " + e, e);
            }
        }
    }

    private void closeAll() {
        runTasks();
        for (SelectionKey key : selector.keys()) {
            closeQuietly(key.channel());
        }
        try {
            selector.close();
        } catch (IOException e) {
            // the loop is gone either way
        }
    }

    private static void closeQuietly(SelectableChannel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            // already closed or broken: nothing left to release
        }
    }

    /** Stops the loop and closes every channel still registered with it. */
    @Override
    public void close() {
        running = false;
        selector.wakeup();
        if (!inLoop()) {
            try {
                thread.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
