package io.mycelium.fabric.state;

import java.util.function.LongSupplier;

/**
 * A hybrid logical clock: {@code physical millis << 16 | logical}. Never goes backwards, even if
 * the wall clock does, and moves past any timestamp it has observed. Thread-safe.
 */
public final class Hlc {
    private final LongSupplier millis;
    private long last;

    public Hlc(LongSupplier millis) {
        this.millis = millis;
    }

    public synchronized long now() {
        long physical = millis.getAsLong() << 16;
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
