package io.mycelium.spore.manifest;

import java.util.Map;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * How the agent decides that an instance is healthy.
 *
 * @param kind             HTTP GET on {@code path}, TCP connect, or NONE
 * @param path             the HTTP path, starting with '/' (HTTP only)
 * @param provide          which {@code provides} entry's port to probe (null: the first)
 * @param initialDelayMs   wait after launch before the first probe
 * @param intervalMs       time between probes
 * @param timeoutMs        one probe's timeout
 * @param failureThreshold consecutive failures that make the instance unhealthy
 * @param extra            fields this version does not know, kept and signed
 */
public record HealthCheck(HealthKind kind, String path, String provide, long initialDelayMs, long intervalMs, long timeoutMs,
        int failureThreshold, @JsonAnySetter @JsonAnyGetter Map<String, JsonNode> extra) {
    public HealthCheck {
        Objects.requireNonNull(kind, "health.kind");
        if (kind == HealthKind.HTTP) {
            if (path == null || !path.startsWith("/")) {
                throw new IllegalArgumentException("health.path must start with '/' for an http check, got '" + path + "'");
            }
        }
        Manifests.requireNonNegative(initialDelayMs, "health.initial_delay_ms");
        intervalMs = intervalMs == 0 ? 1000 : intervalMs;
        timeoutMs = timeoutMs == 0 ? 1000 : timeoutMs;
        failureThreshold = failureThreshold == 0 ? 3 : failureThreshold;
        if (intervalMs < 0 || timeoutMs < 0 || failureThreshold < 0) {
            throw new IllegalArgumentException("health interval_ms, timeout_ms and failure_threshold must be positive");
        }
        extra = Extras.copy(extra);
    }

    public static HealthCheck http(String path) {
        return new HealthCheck(HealthKind.HTTP, path, null, 0, 1000, 1000, 3, Map.of());
    }

    public static HealthCheck tcp() {
        return new HealthCheck(HealthKind.TCP, null, null, 0, 1000, 1000, 3, Map.of());
    }

    public static HealthCheck none() {
        return new HealthCheck(HealthKind.NONE, null, null, 0, 1000, 1000, 3, Map.of());
    }
}
