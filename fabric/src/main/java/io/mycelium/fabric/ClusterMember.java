package io.mycelium.fabric;

import io.mycelium.fabric.membership.MemberStatus;
import io.mycelium.fabric.model.Role;
import java.util.Objects;

/** One member as a view shows it: identity, addresses, status and how long it has been in that status. */
public record ClusterMember(String id, Role role, String host, int fabricPort, int apiPort, MemberStatus status,
                            long ageMs, boolean self) {
    public ClusterMember {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(status, "status");
    }

    public boolean alive() {
        return status == MemberStatus.ALIVE;
    }
}
