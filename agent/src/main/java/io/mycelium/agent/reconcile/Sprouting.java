package io.mycelium.agent.reconcile;

import com.fasterxml.jackson.databind.JsonNode;
import io.mycelium.agent.cgroup.ResourceLimits;
import io.mycelium.agent.driver.LaunchSpec;
import io.mycelium.agent.fetch.Sprout;
import io.mycelium.agent.health.HealthCheck;
import io.mycelium.agent.health.HealthPolicy;
import io.mycelium.agent.instance.InstanceSpec;
import io.mycelium.agent.instance.RestartPolicy;
import io.mycelium.fabric.model.Plan;
import io.mycelium.fabric.placement.SlotId;
import io.mycelium.spore.digest.Digest;
import io.mycelium.spore.manifest.Manifest;
import io.mycelium.spore.manifest.Provide;
import io.mycelium.spore.manifest.RuntimeSpec;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How a slot of a plan becomes an {@link InstanceSpec}: the verified manifest says what to run and
 * how to check it, the plan adds env and may replace the health check, the agent adds the port,
 * the run dir and the slot's identity ({@code MYCELIUM_SLOT}, {@code MYCELIUM_SPORE_DIGEST}, which
 * are also how an adopted instance is recognised after an agent restart).
 *
 * <p>Health: the manifest's (or the plan's) check, {@code initial_delay_ms} as the start period
 * with a floor of {@value #MIN_START_PERIOD_MS} ms (a JVM workload needs more than the 200 ms
 * the examples give); the check's optional extra fields {@code start_period_ms},
 * {@code expect_status} (default 200) and {@code success_threshold} (default 1) refine it.
 */
public final class Sprouting {
    static final long MIN_START_PERIOD_MS = 10_000;
    static final String ENV_SLOT = "MYCELIUM_SLOT";
    static final String ENV_DIGEST = "MYCELIUM_SPORE_DIGEST";

    private Sprouting() {
    }

    /** A fresh instance id for a slot: {@code app-slot-digest8-random5}, at most 63 chars. */
    public static String newInstanceId(SlotId slot, Digest digest, java.util.random.RandomGenerator random) {
        String app = slot.app().length() > 40 ? slot.app().substring(0, 40) : slot.app();
        StringBuilder r = new StringBuilder();
        for (int i = 0; i < 5; i++) {
            r.append(Character.forDigit(random.nextInt(36), 36));
        }
        return app + "-" + slot.index() + "-" + digest.hex().substring(0, 8) + "-" + r;
    }

    /** The slot and digest of an instance this agent started, from its saved spec. */
    public static Optional<LocalInstance> identify(InstanceSpec spec, io.mycelium.fabric.model.InstanceState state) {
        Map<String, String> env = spec.launch().env();
        String slot = env.get(ENV_SLOT);
        String digest = env.get(ENV_DIGEST);
        if (slot == null || digest == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(new LocalInstance(spec.instanceId(), new SlotId(spec.launch().app(), Integer.parseInt(slot)),
                    Digest.parse(digest), state));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /**
     * @param java      the java executable for JVM_JAR spores
     * @param hyphaeUrl the node's hyphae router for {@code MYCELIUM_HYPHAE} and the manifest's {@code needs}, or null for none
     */
    public static InstanceSpec spec(String instanceId, SlotId slot, Plan plan, Sprout sprout, String node, int port, Path runDir,
                                    Path java, Duration stopGrace, String hyphaeUrl) {
        Manifest m = sprout.manifest();
        RuntimeSpec rt = m.runtime();
        Path command = sprout.dir().resolve(rt.command()).toAbsolutePath().normalize();
        Path executable;
        List<String> args = new ArrayList<>();
        switch (rt.kind()) {
            case JVM_JAR -> {
                executable = java;
                args.add("-jar");
                args.add(command.toString());
            }
            case NATIVE, SCRIPT -> executable = command;
            default -> throw new IllegalArgumentException("runtime kind " + rt.kind() + " is not supported");
        }
        args.addAll(rt.args());
        Map<String, String> env = new LinkedHashMap<>(rt.env());
        env.putAll(plan.env());
        if (hyphaeUrl != null) {
            env.putAll(io.mycelium.agent.hyphae.WorkloadEnv.of(m, hyphaeUrl));
        }
        for (Provide p : m.provides()) {
            if (port > 0) {
                env.put(p.portEnv(), Integer.toString(port));
            }
        }
        env.put(ENV_SLOT, Integer.toString(slot.index()));
        env.put(ENV_DIGEST, sprout.digest().toString());
        ResourceLimits limits = new ResourceLimits((int) Math.min(Integer.MAX_VALUE, plan.cpuMilli()),
                (int) Math.min(Integer.MAX_VALUE, plan.memoryMb()));
        LaunchSpec launch = new LaunchSpec(instanceId, slot.app(), node, executable, args, env, port, runDir, limits, sprout.dir().toAbsolutePath().normalize());
        io.mycelium.spore.manifest.HealthCheck check = plan.health() != null ? plan.health() : m.health();
        return new InstanceSpec(launch, policy(check), RestartPolicy.defaults(), stopGrace);
    }

    /** Whether the workload needs a port: it provides a service or its check probes one. */
    public static boolean needsPort(Manifest m, Plan plan) {
        io.mycelium.spore.manifest.HealthCheck check = plan.health() != null ? plan.health() : m.health();
        return !m.provides().isEmpty() || check.kind() != io.mycelium.spore.manifest.HealthKind.NONE;
    }

    /**
     * The longest wait between probes until the first Ready: a probe is one loopback connect (and a
     * GET). Right after launch they come every 5 ms ({@link HealthPolicy#startupDelay}).
     */
    static final Duration STARTUP_PROBE_INTERVAL = Duration.ofMillis(20);

    /** The agent's probe policy for the manifest's (or plan's) health check. */
    public static HealthPolicy policy(io.mycelium.spore.manifest.HealthCheck h) {
        HealthCheck check = switch (h.kind()) {
            case HTTP -> HealthCheck.http(h.path(), (int) extra(h, "expect_status", 200));
            case TCP -> HealthCheck.tcp();
            case NONE -> HealthCheck.none();
        };
        long floor = h.kind() == io.mycelium.spore.manifest.HealthKind.NONE ? 1_000 : MIN_START_PERIOD_MS;
        long start = extra(h, "start_period_ms", Math.max(h.initialDelayMs(), floor));
        return new HealthPolicy(check, Duration.ofMillis(start), Duration.ofMillis(h.intervalMs()), STARTUP_PROBE_INTERVAL,
                Duration.ofMillis(h.timeoutMs()), (int) extra(h, "success_threshold", 1), h.failureThreshold());
    }

    private static long extra(io.mycelium.spore.manifest.HealthCheck h, String name, long otherwise) {
        JsonNode n = h.extra().get(name);
        return n != null && n.canConvertToLong() ? n.asLong() : otherwise;
    }
}
