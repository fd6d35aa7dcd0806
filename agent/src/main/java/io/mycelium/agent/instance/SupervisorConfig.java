package io.mycelium.agent.instance;

import io.mycelium.agent.logs.LogPolicy;

import java.net.InetAddress;
import java.time.Duration;
import java.util.Objects;

/**
 * Settings of a supervisor.
 *
 * @param probeAddress     where instances listen (health probes and the port-in-use check go there)
 * @param pollInterval     how often adopted processes (not our children) are checked for exit
 * @param logCheckInterval how often log sizes are checked for rotation
 * @param logPolicy        log rotation size and copies kept
 * @param killWait         after KILL, how long to wait for the group to vanish before reporting survivors
 */
public record SupervisorConfig(InetAddress probeAddress, Duration pollInterval, Duration logCheckInterval,
                               LogPolicy logPolicy, Duration killWait) {
    public SupervisorConfig {
        Objects.requireNonNull(probeAddress, "probeAddress");
        Objects.requireNonNull(logPolicy, "logPolicy");
        for (Duration d : new Duration[] {pollInterval, logCheckInterval, killWait}) {
            Objects.requireNonNull(d, "interval");
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("supervisor interval " + d + " must be > 0");
            }
        }
    }

    /** Loopback, 200 ms polling, logs checked every 5 s with the default policy, 5 s wait after KILL. */
    public static SupervisorConfig defaults() {
        return new SupervisorConfig(InetAddress.getLoopbackAddress(), Duration.ofMillis(200), Duration.ofSeconds(5),
                LogPolicy.defaults(), Duration.ofSeconds(5));
    }
}
