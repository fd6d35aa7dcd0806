package io.mycelium.console.model;

import io.mycelium.client.rows.BudgetRows.BudgetRow;
import io.mycelium.client.explain.Explanation;
import io.mycelium.console.events.AuditEvent;
import java.util.List;
import java.util.Objects;

/**
 * Everything a console draws of one cluster at one moment; immutable.
 *
 * @param members  members known (alive or not)
 * @param visible  members the console sees alive
 * @param operator the short id of the key that signs this console's commands, empty when read-only
 * @param explanations why each slot that is not ready is not (unplaced, waiting, failed), as {@code mesh apps} explains it
 * @param calls    app-to-app traffic through the hyphae routers, by calling node and called app
 */
public record ClusterSnapshot(String cluster, long takenAtMs, int members, int visible, Health health, boolean connected,
                              String operator, List<NodeRow> nodes, List<AppRow> apps, List<InstanceRow> instances,
                              List<RolloutRow> rollouts, List<AuditEvent> events,
                              List<Explanation> explanations, List<BudgetRow> budgets, List<CallRow> calls) {
    public ClusterSnapshot {
        Objects.requireNonNull(cluster, "cluster");
        Objects.requireNonNull(health, "health");
        nodes = List.copyOf(nodes);
        apps = List.copyOf(apps);
        instances = List.copyOf(instances);
        rollouts = List.copyOf(rollouts);
        events = List.copyOf(events);
        explanations = List.copyOf(explanations);
        budgets = List.copyOf(budgets);
        calls = List.copyOf(calls);
    }

    /** The ledger's row of {@code app}, if it has a budget. */
    public java.util.Optional<BudgetRow> budget(String app) {
        return budgets.stream().filter(b -> b.app().equals(app)).findFirst();
    }

    public static ClusterSnapshot empty(String cluster) {
        return new ClusterSnapshot(cluster, 0, 0, 0, new Health(Health.Level.DISCONNECTED, "connecting"), false, "",
                List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of());
    }

    public boolean readonly() {
        return operator.isEmpty();
    }
}
