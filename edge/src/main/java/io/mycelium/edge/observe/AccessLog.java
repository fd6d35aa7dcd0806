package io.mycelium.edge.observe;

/**
 * Receives one line per completed request. Called on request threads concurrently; the default
 * writes to the {@code io.mycelium.edge.access} System.Logger at INFO.
 */
@FunctionalInterface
public interface AccessLog {

    /** Writes each line to the {@code io.mycelium.edge.access} logger. */
    static AccessLog systemLogger() {
        System.Logger logger = System.getLogger("io.mycelium.edge.access");
        return line -> logger.log(System.Logger.Level.INFO, line);
    }

    /** Drops every line (for benchmarks that measure the proxy alone). */
    AccessLog NONE = line -> { };

    /** Records one line. */
    void log(String line);
}
