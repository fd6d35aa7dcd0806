package io.mycelium.spore.manifest;

/** The kind of health check: an HTTP GET on a path, a TCP connect, or none (running means healthy). */
public enum HealthKind {
    HTTP,
    TCP,
    NONE
}
