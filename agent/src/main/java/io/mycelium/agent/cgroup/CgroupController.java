package io.mycelium.agent.cgroup;

import java.io.IOException;
import java.util.Optional;

/**
 * Creates per-instance cgroups under one root group the agent owns. Thread-safe.
 */
public interface CgroupController {
    /** "v1" or "v2", for logs and the API. */
    String version();

    /** Creates (or reuses, if left over) the cgroup {@code name} with the given limits. */
    Cgroup create(String name, ResourceLimits limits) throws IOException;

    /** The existing cgroup {@code name}, if there is one (after an agent restart). */
    Optional<Cgroup> find(String name);
}
