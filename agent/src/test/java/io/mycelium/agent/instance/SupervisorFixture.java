package io.mycelium.agent.instance;

import io.mycelium.fabric.model.InstanceState;
import io.mycelium.agent.driver.LaunchException;
import io.mycelium.agent.driver.LaunchSpec;
import io.mycelium.agent.driver.LocalProcessDriver;
import io.mycelium.agent.driver.ProcessDriver;
import io.mycelium.agent.driver.ProcessRef;
import io.mycelium.agent.driver.RunningProcess;
import io.mycelium.agent.driver.Workloads;
import io.mycelium.agent.health.HealthCheck;
import io.mycelium.agent.health.HealthPolicy;
import io.mycelium.agent.logs.LogPolicy;
import io.mycelium.spore.time.Clock;

import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.random.RandomGenerator;

/** Supervisors on real processes with short timings, and cleanup of everything they started. */
final class SupervisorFixture implements AutoCloseable {
    final Workloads workloads;
    final Path dataDir;
    final CountingDriver driver;
    final List<InstanceTransition> events = new CopyOnWriteArrayList<>();
    private final List<Supervisor> supervisors = new CopyOnWriteArrayList<>();

    SupervisorFixture(Path temp) {
        this.workloads = new Workloads(temp);
        this.dataDir = temp.resolve("agent-data");
        this.driver = new CountingDriver(Workloads.driver(), workloads);
    }

    static SupervisorConfig config() {
        return new SupervisorConfig(InetAddress.getLoopbackAddress(), Duration.ofMillis(50), Duration.ofMillis(200),
                new LogPolicy(4096, 2), Duration.ofSeconds(5));
    }

    static RestartPolicy fastRestarts() {
        return new RestartPolicy(Duration.ofMillis(50), Duration.ofMillis(400), 2.0, 0.1, 3, Duration.ofMinutes(1));
    }

    static HealthPolicy health(HealthCheck check, Duration startPeriod) {
        return new HealthPolicy(check, startPeriod, Duration.ofMillis(100), Duration.ofMillis(20), Duration.ofMillis(500), 1, 2);
    }

    Supervisor supervisor() {
        Supervisor s = new Supervisor(driver, new InstanceStore(dataDir), Clock.SYSTEM,
                RandomGenerator.of("L64X128MixRandom"), config(), t -> {
                    events.add(t);
                    workloads.track(t.status().pid());
                });
        supervisors.add(s);
        return s;
    }

    InstanceSpec spec(String id, String script, int port, HealthCheck check, Duration startPeriod, Duration grace) {
        LaunchSpec launch = workloads.spec(id, script, port);
        return new InstanceSpec(launch, health(check, startPeriod), fastRestarts(), grace);
    }

    /** The states one instance went through, in order. */
    List<InstanceState> states(String id) {
        return events.stream().filter(e -> e.status().instanceId().equals(id)).map(InstanceTransition::to).toList();
    }

    /** Stops what the supervisors still run, detaches them and kills any group that is left. */
    @Override
    public void close() throws Exception {
        for (Supervisor s : supervisors) {
            try {
                s.stopAll().get(30, TimeUnit.SECONDS);
            } catch (IllegalStateException | java.util.concurrent.ExecutionException e) {
                // already closed
            }
            s.close();
        }
        workloads.close();
    }

    /** Counts launches (an adopted instance must never be started twice) and tracks every group for cleanup. */
    static final class CountingDriver implements ProcessDriver {
        final LocalProcessDriver real;
        final Workloads workloads;
        final AtomicInteger launches = new AtomicInteger();
        final List<ProcessRef> launched = new CopyOnWriteArrayList<>();

        CountingDriver(LocalProcessDriver real, Workloads workloads) {
            this.real = real;
            this.workloads = workloads;
        }

        @Override
        public RunningProcess launch(LaunchSpec spec) throws LaunchException {
            launches.incrementAndGet();
            RunningProcess p = workloads.track(real.launch(spec));
            launched.add(p.ref());
            return p;
        }

        @Override
        public Optional<RunningProcess> adopt(ProcessRef ref) {
            return real.adopt(ref);
        }

        @Override
        public void reapLeftovers(ProcessRef ref) {
            real.reapLeftovers(ref);
        }
    }
}
