package io.mycelium.agent.daemon;

import io.mycelium.agent.cgroup.Cgroups;
import io.mycelium.agent.driver.LocalProcessDriver;
import io.mycelium.agent.instance.InstanceStore;
import io.mycelium.agent.instance.Supervisor;
import io.mycelium.agent.instance.SupervisorConfig;
import io.mycelium.agent.logs.LogPolicy;
import io.mycelium.spore.time.Clock;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * The workloads an agent left running when it died (kill -9, a crash), stopped without running the
 * agent again: its supervisor, on the agent's own data dir, adopts each recorded process that is
 * still the same one and stops it as the agent itself would (TERM to the group, grace, KILL), then
 * the agent's empty cgroups are removed. {@code mesh up} calls this for an agent that exited before
 * the mesh was stopped, so that Ctrl-C leaves no process behind.
 */
public final class Leftovers {
    private Leftovers() {
    }

    /**
     * Stops the workloads left by the agent that {@code config} describes; it must not be running.
     *
     * @return how many workloads were stopped
     * @throws Exception if the agent's instance store cannot be read or the stop does not finish in time
     */
    public static int stop(AgentConfig config, Duration timeout) throws Exception {
        LocalProcessDriver driver = LocalProcessDriver.forHost(config.workloadUser(), config.cgroupRoot(), config.bind());
        InstanceStore store = new InstanceStore(config.dataDir().toAbsolutePath().resolve("supervisor"));
        try (Supervisor supervisor = new Supervisor(driver, store, Clock.SYSTEM, new SplittableRandom(),
                supervisorConfig(InetAddress.getByName(config.bind())), transition -> { })) {
            int stopped = supervisor.stopLeftovers().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (config.cgroupRoot() != null) {
                Cgroups.removeEmpty(config.cgroupRoot());
            }
            return stopped;
        }
    }

    /** The supervisor settings every agent runs with (health probes from {@code bind}). */
    static SupervisorConfig supervisorConfig(InetAddress bind) {
        return new SupervisorConfig(bind, Duration.ofMillis(200), Duration.ofSeconds(5), LogPolicy.defaults(), Duration.ofSeconds(5));
    }
}
