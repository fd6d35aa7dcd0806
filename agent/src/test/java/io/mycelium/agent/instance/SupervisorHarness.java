package io.mycelium.agent.instance;

import io.mycelium.fabric.model.InstanceState;
import io.mycelium.agent.cgroup.ResourceLimits;
import io.mycelium.agent.driver.LaunchSpec;
import io.mycelium.agent.driver.Workloads;
import io.mycelium.agent.health.HealthCheck;
import io.mycelium.spore.time.Clock;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.random.RandomGenerator;

/**
 * A stand-in agent for the kill -9 test: runs a supervisor with one sleeper instance in its own
 * JVM, writes the instance's pid to a file once it is Ready, and waits to be killed.
 * Arguments: data dir, run dir, script, ready file.
 */
public final class SupervisorHarness {
    private SupervisorHarness() {
    }

    public static void main(String[] args) throws Exception {
        Path dataDir = Path.of(args[0]);
        Path runDir = Path.of(args[1]);
        Path script = Path.of(args[2]);
        Path readyFile = Path.of(args[3]);
        Supervisor supervisor = new Supervisor(Workloads.driver(), new InstanceStore(dataDir), Clock.SYSTEM,
                RandomGenerator.of("L64X128MixRandom"), SupervisorFixture.config(), t -> {
                    if (t.to() == InstanceState.READY) {
                        try {
                            Path tmp = readyFile.resolveSibling(readyFile.getFileName() + ".tmp");
                            Files.writeString(tmp, Long.toString(t.status().pid()));
                            Files.move(tmp, readyFile, StandardCopyOption.ATOMIC_MOVE);
                        } catch (java.io.IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    }
                });
        LaunchSpec launch = new LaunchSpec("survivor-1", "survivor", "node-a", script, List.of(), Map.of(), 0, runDir,
                ResourceLimits.NONE, script.getParent());
        supervisor.start(new InstanceSpec(launch, SupervisorFixture.health(HealthCheck.none(), Duration.ofMillis(100)),
                SupervisorFixture.fastRestarts(), Duration.ofSeconds(1)));
        new CountDownLatch(1).await();
    }
}
