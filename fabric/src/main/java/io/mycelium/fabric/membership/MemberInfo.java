package io.mycelium.fabric.membership;

import io.mycelium.fabric.model.Role;
import java.util.Objects;

/** What a member announces about itself: cluster, id, role, host, fabric port and API port (0 if none). */
public record MemberInfo(String cluster, String id, Role role, String host, int fabricPort, int apiPort) {
    public MemberInfo {
        Objects.requireNonNull(cluster, "cluster");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(host, "host");
        if (fabricPort < 0 || fabricPort > 65535 || apiPort < 0 || apiPort > 65535) {
            throw new IllegalArgumentException("member " + id + ": ports " + fabricPort + "/" + apiPort + " out of range");
        }
    }

    public String address() {
        return host + ":" + fabricPort;
    }
}
