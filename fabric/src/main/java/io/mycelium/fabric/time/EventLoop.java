package io.mycelium.fabric.time;

import io.mycelium.spore.time.Clock;

import java.util.PriorityQueue;
import java.util.function.BooleanSupplier;

/**
 * A discrete-event simulation loop: a fake clock plus a queue of timed tasks. Single-threaded: call
 * everything from the thread that runs the loop. Time only moves inside {@link #runUntil}.
 */
public final class EventLoop implements Scheduler {
    private record Event(long at, long seq, Runnable task) implements Comparable<Event> {
        @Override
        public int compareTo(Event o) {
            int c = Long.compare(at, o.at);
            return c != 0 ? c : Long.compare(seq, o.seq);
        }
    }

    private final PriorityQueue<Event> queue = new PriorityQueue<>();
    private long now;
    private long seq;
    private long executed;

    public EventLoop(long startMillis) {
        this.now = startMillis;
    }

    public long now() {
        return now;
    }

    public long executed() {
        return executed;
    }

    @Override
    public Clock clock() {
        return () -> now;
    }

    @Override
    public void later(long delayMs, Runnable task) {
        queue.add(new Event(now + Math.max(0, delayMs), seq++, task));
    }

    @Override
    public AutoCloseable every(long delayMs, long periodMs, Runnable task) {
        boolean[] cancelled = {false};
        Runnable[] self = new Runnable[1];
        self[0] = () -> {
            if (!cancelled[0]) {
                task.run();
                later(periodMs, self[0]);
            }
        };
        later(delayMs, self[0]);
        return () -> cancelled[0] = true;
    }

    /** Runs events until the clock reaches {@code untilMillis} or no event is left. */
    public void runUntil(long untilMillis) {
        runUntil(untilMillis, () -> false);
    }

    /** Runs events until {@code done} holds (checked after each event), or the clock passes the limit. */
    public boolean runUntil(long untilMillis, BooleanSupplier done) {
        while (!queue.isEmpty() && queue.peek().at() <= untilMillis) {
            Event e = queue.poll();
            now = e.at();
            e.task().run();
            executed++;
            if (done.getAsBoolean()) {
                return true;
            }
        }
        now = Math.max(now, untilMillis);
        return done.getAsBoolean();
    }

    @Override
    public void close() {
        queue.clear();
    }
}
