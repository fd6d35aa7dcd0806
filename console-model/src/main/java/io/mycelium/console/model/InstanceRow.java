package io.mycelium.console.model;

/**
 * One instance as its node reports it.
 *
 * @param endpoint  {@code host:port} while it serves, else empty
 * @param nodeVisible whether the console sees its node alive
 */
public record InstanceRow(String cluster, String id, String app, String node, int slot, String state, int restarts,
                          String digest, String endpoint, String message, boolean nodeVisible, long ageMs) {
}
