package io.mycelium.agent.health;

import java.util.Objects;

/**
 * What to check.
 *
 * @param kind           http, tcp or none
 * @param path           the http path, starting with '/' (ignored for tcp and none)
 * @param expectedStatus the http status that means healthy (ignored for tcp and none)
 */
public record HealthCheck(Kind kind, String path, int expectedStatus) {
    /** The kinds of check. */
    public enum Kind { HTTP, TCP, NONE }

    public HealthCheck {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(path, "path");
        if (kind == Kind.HTTP) {
            if (!path.startsWith("/") || path.chars().anyMatch(c -> c <= ' ' || c == 127)) {
                throw new IllegalArgumentException("http health check path '" + path + "' must start with '/' and contain no spaces or control characters");
            }
            if (expectedStatus < 100 || expectedStatus > 599) {
                throw new IllegalArgumentException("http health check expected status " + expectedStatus + " is outside 100-599");
            }
        }
    }

    public static HealthCheck http(String path, int expectedStatus) {
        return new HealthCheck(Kind.HTTP, path, expectedStatus);
    }

    public static HealthCheck tcp() {
        return new HealthCheck(Kind.TCP, "", 0);
    }

    public static HealthCheck none() {
        return new HealthCheck(Kind.NONE, "", 0);
    }

    @Override
    public String toString() {
        return switch (kind) {
            case HTTP -> "http " + path + " -> " + expectedStatus;
            case TCP -> "tcp";
            case NONE -> "none";
        };
    }
}
