package io.mycelium.client.api;

import io.mycelium.fabric.model.Plan;
import java.util.List;
import java.util.Map;

/**
 * The JSON documents of the agent API (snake_case, written with the fabric's mapper): the one
 * contract between the agent that writes them and every client (the CLI, the consoles) that reads
 * them back with {@link io.mycelium.client.http.AgentClient}.
 */
public final class ApiDocuments {
    private ApiDocuments() {
    }

    /** Every error: one line naming the thing and the reason, and what to do next. */
    public record ErrorBody(String error, String hint) {
    }

    /**
     * One instance anywhere in the cluster, as the fabric reports it; for instances of the agent
     * that answers, {@code pid}, {@code port} and {@code since} come from its supervisor; for the
     * others, {@code pid} comes from their instance record and {@code port} from their endpoint
     * record once they have one.
     */
    public record InstanceRow(String id, String app, String node, int slot, String digest, String state, int restarts,
                              String message, Long pid, Integer port, String since, String nodeApi) {
    }

    /** {@code GET /v1/instances}. */
    public record Instances(String node, List<InstanceRow> instances) {
        public Instances {
            instances = List.copyOf(instances);
        }
    }

    /** A slot that placement could not put anywhere. */
    public record UnplacedRow(int slot, String reason) {
    }

    /**
     * One app: its plan (null when it has only endpoints), the plan's revision and signer, how many
     * instances it wants and how many run its digest and are Ready, instances still on another
     * digest (an update in progress), counts by state, and unplaced slots.
     */
    public record AppRow(String app, long revision, String signer, Plan plan, int desired, int ready, int onOtherDigest,
                         Map<String, Integer> states, List<UnplacedRow> unplaced) {
        public AppRow {
            states = Map.copyOf(states);
            unplaced = List.copyOf(unplaced);
        }
    }

    /** {@code GET /v1/apps}. */
    public record Apps(String node, List<AppRow> apps) {
        public Apps {
            apps = List.copyOf(apps);
        }
    }

    /** A plan as the fabric holds it: revision, clock, signer key id. */
    public record PlanRow(String app, long revision, long hlc, String signer, Plan plan) {
    }

    /** {@code GET /v1/plans}. */
    public record Plans(List<PlanRow> plans) {
        public Plans {
            plans = List.copyOf(plans);
        }
    }

    /** The answer to {@code POST /v1/plans}. */
    public record PlanAccepted(boolean accepted, String app, long revision, String node, boolean deleted) {
    }

    /** {@code POST /v1/rollouts}: the command was accepted at {@code revision}. */
    public record RolloutAccepted(boolean accepted, String app, long revision, String node) {
    }

    /** {@code POST /v1/budgets}: the budget (name: its app) or price (name: cluster) was accepted at {@code revision}. */
    public record RecordAccepted(boolean accepted, String name, long revision, String node) {
    }

    /**
     * The answer to {@code POST /v1/instances/{id}/stop|restart}: what the agent that runs the
     * instance did, and the instance's state now.
     *
     * @param action {@code stop} or {@code restart}
     */
    public record InstanceActionDone(String id, String action, String node, String state, String message) {
    }

    /** One spore in the agent's repository. */
    public record SporeRow(String digest, long size) {
    }

    /** {@code GET /v1/spores}. */
    public record Spores(String node, List<SporeRow> spores) {
        public Spores {
            spores = List.copyOf(spores);
        }
    }

    /** The answer to {@code PUT /v1/spores/{digest}}: what was stored, or that it already was. */
    public record SporeStored(String digest, long size, String name, String version, String signer, boolean created) {
    }
}
