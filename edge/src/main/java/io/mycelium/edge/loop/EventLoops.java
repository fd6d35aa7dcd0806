package io.mycelium.edge.loop;

import io.mycelium.spore.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/** A fixed set of {@link EventLoop}s, one per core by default, handed out in turn. */
public final class EventLoops implements AutoCloseable {

    private final List<EventLoop> loops;
    private final AtomicInteger next = new AtomicInteger();

    public EventLoops(String name, int count, Clock clock, long tickNanos) {
        if (count < 1) {
            throw new IllegalArgumentException("at least one event loop, not " + count);
        }
        List<EventLoop> list = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            list.add(new EventLoop(name + "-" + i, clock, tickNanos).start());
        }
        this.loops = List.copyOf(list);
    }

    /** The loop for a new connection (round robin). */
    public EventLoop next() {
        return loops.get(Math.floorMod(next.getAndIncrement(), loops.size()));
    }

    /** Runs {@code task} on every loop, each on its own thread. */
    public void each(Consumer<EventLoop> task) {
        for (EventLoop loop : loops) {
            loop.execute(() -> task.accept(loop));
        }
    }

    public List<EventLoop> all() {
        return loops;
    }

    @Override
    public void close() {
        loops.forEach(EventLoop::close);
    }
}
