package io.mycelium.fabric.time;

/** Milliseconds since the epoch. Implementations are thread-safe. */
@FunctionalInterface
public interface Clock {
    long millis();

    Clock SYSTEM = System::currentTimeMillis;
}
