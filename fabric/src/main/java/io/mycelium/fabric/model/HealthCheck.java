package io.mycelium.fabric.model;

/**
 * A plan's overrides of the manifest's health check. Every field may be null, meaning "as the
 * manifest says". {@code type} is {@code http}, {@code tcp} or {@code none}.
 */
public record HealthCheck(String type, String path, Integer expectStatus, Long startPeriodMs, Long intervalMs,
                          Long timeoutMs, Integer healthyThreshold, Integer unhealthyThreshold) {
    public HealthCheck {
        if (type != null && !type.equals("http") && !type.equals("tcp") && !type.equals("none")) {
            throw new IllegalArgumentException("health check type '" + type + "' is not http, tcp or none");
        }
    }
}
