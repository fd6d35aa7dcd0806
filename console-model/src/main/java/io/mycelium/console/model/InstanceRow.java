package io.mycelium.console.model;

/**
 * One instance as its node reports it (built from the client's {@code InstanceRows}).
 *
 * @param endpoint  {@code host:port} while it serves, else empty
 * @param nodeVisible whether the console sees its node alive
 * @param pid       its process id as its record says, 0 when none runs
 */
public record InstanceRow(String cluster, String id, String app, String node, int slot, String state, int restarts,
                          String digest, String endpoint, String message, boolean nodeVisible, long ageMs, long pid) {
}
