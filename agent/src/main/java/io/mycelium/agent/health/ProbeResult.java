package io.mycelium.agent.health;

import java.util.Objects;

/**
 * The outcome of one probe.
 *
 * @param healthy true if the check passed
 * @param detail  what was seen: "200", "connection refused", "timed out after 1000 ms"
 */
public record ProbeResult(boolean healthy, String detail) {
    public ProbeResult {
        Objects.requireNonNull(detail, "detail");
    }

    public static ProbeResult ok(String detail) {
        return new ProbeResult(true, detail);
    }

    public static ProbeResult failed(String detail) {
        return new ProbeResult(false, detail);
    }
}
