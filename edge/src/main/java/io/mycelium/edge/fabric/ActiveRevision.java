package io.mycelium.edge.fabric;

import io.mycelium.fabric.model.EndpointRecord;
import io.mycelium.fabric.model.EndpointState;
import io.mycelium.fabric.model.Plan;
import io.mycelium.fabric.model.RolloutCommand;
import io.mycelium.fabric.model.UpdateStrategy;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Which revision (spore digest) of an app receives traffic: a pure function of the app's plan,
 * rollout command and endpoints, so that every edge with the same view routes the same way.
 *
 * <ul>
 *   <li>No plan: every Ready endpoint (empty result).</li>
 *   <li>Blue/green: the planned digest once a PROMOTE command targets it; until then the old
 *       revision (the smallest other digest with a Ready endpoint), so green instances can warm
 *       up without traffic; if no old revision is Ready, the planned one.</li>
 *   <li>Otherwise (surge, rolling): the planned digest as soon as one of its endpoints is Ready;
 *       before that every Ready endpoint, so a rollout never leaves the app without traffic.</li>
 * </ul>
 */
final class ActiveRevision {

    private ActiveRevision() {
    }

    static Optional<String> of(Optional<Plan> plan, Optional<RolloutCommand> rollout, List<EndpointRecord> endpoints) {
        if (plan.isEmpty()) {
            return Optional.empty();
        }
        String planned = plan.get().digest().toString();
        boolean plannedReady = endpoints.stream()
                .anyMatch(e -> e.state() == EndpointState.READY && e.digest().toString().equals(planned));
        if (plan.get().strategy().kind() == UpdateStrategy.Kind.BLUE_GREEN) {
            boolean promoted = rollout.filter(r -> r.action() == RolloutCommand.Action.PROMOTE)
                    .map(r -> r.target() != null && r.target().toString().equals(planned)).orElse(false);
            if (promoted) {
                return Optional.of(planned);
            }
            TreeSet<String> others = new TreeSet<>();
            for (EndpointRecord e : endpoints) {
                if (e.state() == EndpointState.READY && !e.digest().toString().equals(planned)) {
                    others.add(e.digest().toString());
                }
            }
            return others.isEmpty() ? Optional.of(planned) : Optional.of(others.first());
        }
        return plannedReady ? Optional.of(planned) : Optional.empty();
    }
}
