package io.mycelium.agent.cgroup;

import java.nio.file.Path;
import java.util.Optional;

/** Finds the cgroup support this host offers. */
public final class Cgroups {
    private Cgroups() {
    }

    /**
     * A controller rooted at {@code root} under {@code /sys/fs/cgroup}: v2 if that is a unified
     * hierarchy, else v1 if the cpu, memory and pids hierarchies are writable, else empty (not root,
     * or no cgroups): the driver then runs without them.
     */
    public static Optional<CgroupController> detect(String root) {
        return detect(Path.of("/sys/fs/cgroup"), root);
    }

    static Optional<CgroupController> detect(Path mount, String root) {
        if (CgroupV2.available(mount)) {
            return Optional.of(new CgroupV2(mount, root));
        }
        if (CgroupV1.available(mount)) {
            return Optional.of(new CgroupV1(mount, root));
        }
        return Optional.empty();
    }
}
