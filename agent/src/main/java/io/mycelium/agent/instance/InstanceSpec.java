package io.mycelium.agent.instance;

import io.mycelium.agent.driver.LaunchSpec;
import io.mycelium.agent.health.HealthPolicy;

import java.time.Duration;
import java.util.Objects;

/**
 * What the supervisor needs to run one instance.
 *
 * @param launch    how to start it
 * @param health    how to tell it is healthy
 * @param restart   how to restart it after a failure
 * @param stopGrace time between TERM and KILL when stopping it
 */
public record InstanceSpec(LaunchSpec launch, HealthPolicy health, RestartPolicy restart, Duration stopGrace) {
    public InstanceSpec {
        Objects.requireNonNull(launch, "launch");
        Objects.requireNonNull(health, "health");
        Objects.requireNonNull(restart, "restart");
        Objects.requireNonNull(stopGrace, "stopGrace");
        if (stopGrace.isNegative()) {
            throw new IllegalArgumentException("instance " + launch.instanceId() + ": stop grace " + stopGrace + " must be >= 0");
        }
    }

    public String instanceId() {
        return launch.instanceId();
    }
}
