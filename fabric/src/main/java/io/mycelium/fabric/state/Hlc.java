package io.mycelium.fabric.state;

import io.mycelium.spore.time.Clock;

import java.util.Objects;

/**
 * A hybrid logical clock: {@code physical millis << 16 | logical}. Never goes backwards, even if
 * the wall clock does, and moves past any timestamp it has observed. Thread-safe.
 */
public final class Hlc {
    private final Clock clock;
    private long last;

    public Hlc(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public synchronized long now() {
        long physical = clock.millis() << 16;
        last = physical > last ? physical : last + 1;
        return last;
    }

    public synchronized void observe(long remote) {
        if (remote > last) {
            last = remote;
        }
    }

    public static long physicalMillis(long hlc) {
        return hlc >>> 16;
    }
}
