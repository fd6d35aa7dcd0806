package io.mycelium.agent.api;

import io.mycelium.agent.instance.InstanceStatus;
import io.mycelium.client.rows.SupervisedInstance;
import io.mycelium.agent.metrics.MetricRegistry;
import io.mycelium.fabric.ClusterView;
import io.mycelium.fabric.SubmitResult;
import io.mycelium.fabric.placement.PlacementResult;
import io.mycelium.fabric.state.FabricRecord;
import io.mycelium.spore.key.TrustStore;
import io.mycelium.spore.store.SporeStore;
import io.mycelium.spore.time.Clock;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the API's routes need from the agent daemon. The daemon implements it; tests use a fake.
 * Every method is called on the web server's request threads (virtual threads), concurrently, so
 * implementations must be thread-safe and must not block for long.
 */
public interface AgentServices {
    /** The cluster's name, as the status documents print it. */
    String cluster();

    /** This agent's node id. */
    String nodeId();

    /** A fresh snapshot of the fabric as this agent sees it. */
    ClusterView view();

    /** The fabric's counters (messages sent and received, refusals...), by name. */
    Map<String, Long> fabricCounters();

    /** Submits a signed operator record (a plan, a rollout command) to the fabric; the routes have already checked its shape. */
    SubmitResult submitPlan(FabricRecord signed);

    /** The operator keys this agent trusts (plans, signed uploads). */
    TrustStore operators();

    /** The publisher keys this agent trusts (spores). */
    TrustStore publishers();

    /** This agent's spore repository. */
    SporeStore spores();

    /** Where uploads are staged while they are checked; on the repository's file system. */
    Path stagingDir();

    /** The instances this agent supervises, with pid, port and the supervisor's own state. */
    List<InstanceStatus> localInstances();

    /** {@link #localInstances()} as the client's rows take them. */
    default List<SupervisedInstance> supervised() {
        return localInstances().stream().map(s -> new SupervisedInstance(s.instanceId(), s.state().name().toLowerCase(java.util.Locale.ROOT),
                s.restarts(), s.message(), s.pid(), s.port(), s.since())).toList();
    }

    /** The log files of one instance this agent supervises; empty if it runs none by that id. */
    Optional<LogFiles> logs(String instanceId);

    /**
     * Stops one of this agent's instances on an operator's request (it drains; its slot is placed
     * again, so a fresh instance replaces it). Returns its status as the stop begins, or empty
     * when this agent runs no instance by that id.
     */
    Optional<InstanceStatus> stopInstance(String instanceId, String why);

    /**
     * Restarts one of this agent's instances in place on an operator's request. Returns its status
     * as the restart begins, or empty when this agent runs no instance by that id.
     *
     * @throws IllegalStateException if it cannot be restarted now (stopping, not launched yet), saying why
     */
    Optional<InstanceStatus> restartInstance(String instanceId, String why);

    /** The slots the agent's latest placement could not put anywhere, with the reason. */
    List<PlacementResult.Unplaced> unplaced();

    /** Whether the agent is ready to serve (fabric joined, instances recovered), and why not. */
    Readiness readiness();

    /** The registry the daemon feeds (spore fetches...); {@code /metrics} prints it. */
    MetricRegistry metrics();

    /** Wall-clock time (ages, signature freshness). */
    Clock clock();

    /**
     * The two log files of an instance.
     *
     * @param stdout its standard output log
     * @param stderr its standard error log
     */
    record LogFiles(Path stdout, Path stderr) {
        public LogFiles {
            java.util.Objects.requireNonNull(stdout, "stdout");
            java.util.Objects.requireNonNull(stderr, "stderr");
        }
    }

    /**
     * Readiness of the agent.
     *
     * @param ready  true when it serves
     * @param reason why not, or what it is doing (empty when ready)
     */
    record Readiness(boolean ready, String reason) {
        public Readiness {
            reason = reason == null ? "" : reason;
        }

        public static Readiness up() {
            return new Readiness(true, "");
        }

        public static Readiness down(String reason) {
            return new Readiness(false, reason);
        }
    }
}
