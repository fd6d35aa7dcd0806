package io.mycelium.console.model;

/** The header's one-word verdict on a cluster and the line that explains it. */
public record Health(Level level, String text) {
    public enum Level { OK, DEGRADED, PARTITIONED, DISCONNECTED }
}
