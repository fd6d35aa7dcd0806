package io.mycelium.fabric.model;

import java.util.Objects;

/**
 * How a plan's digest change is rolled out. {@code SURGE} (the default) starts the new instance of
 * a slot and waits for it to be Ready before draining the old one; {@code BLUE_GREEN} and
 * {@code ROLLING} are refined by the rollout work. {@code batch} slots at a time, {@code warmupMs}
 * after Ready before the old one drains.
 */
public record UpdateStrategy(Kind kind, int batch, long warmupMs) {
    public enum Kind { SURGE, BLUE_GREEN, ROLLING }

    public static final UpdateStrategy DEFAULT = new UpdateStrategy(Kind.SURGE, 1, 0);

    public UpdateStrategy {
        Objects.requireNonNull(kind, "kind");
        if (batch < 1) {
            throw new IllegalArgumentException("update batch must be at least 1, got " + batch);
        }
        Checks.nonNegative("warmup_ms", warmupMs);
    }
}
