package io.mycelium.agent.cgroup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Cgroup v2: one directory per instance under {@code <mount>/<root>/}. Limits are written only
 * for controllers the hierarchy offers; asking for a limit it cannot enforce is an error, not a
 * silent no-op.
 */
public final class CgroupV2 implements CgroupController {
    private static final long CPU_PERIOD_US = 100_000;

    private final Path mount;
    private final String root;

    /**
     * @param mount the unified hierarchy, normally {@code /sys/fs/cgroup} (or {@code /sys/fs/cgroup/unified} on hybrid hosts)
     * @param root  the agent's group, e.g. {@code mycelium}
     */
    public CgroupV2(Path mount, String root) {
        this.mount = Objects.requireNonNull(mount, "mount");
        this.root = Objects.requireNonNull(root, "root");
    }

    /** True if {@code mount} is a writable v2 hierarchy. */
    public static boolean available(Path mount) {
        return Files.exists(mount.resolve("cgroup.controllers")) && Files.isWritable(mount);
    }

    @Override
    public String version() {
        return "v2";
    }

    @Override
    public Cgroup create(String name, ResourceLimits limits) throws IOException {
        Path parent = mount.resolve(root);
        Files.createDirectories(parent);
        enable(parent, limits);
        Path dir = parent.resolve(name);
        Files.createDirectories(dir);
        if (limits.cpuMilli() > 0) {
            require(dir, "cpu.max", "cpu");
            writeCpuMax(dir, limits.cpuMilli());
        }
        if (limits.memoryMb() > 0) {
            require(dir, "memory.max", "memory");
            CgroupFiles.write(dir.resolve("memory.max"), Long.toString(limits.memoryMb() * 1024L * 1024L));
        }
        return new Group(name, dir);
    }

    @Override
    public Optional<Cgroup> find(String name) {
        Path dir = mount.resolve(root).resolve(name);
        return Files.isDirectory(dir) ? Optional.of(new Group(name, dir)) : Optional.empty();
    }

    /** Turns on the controllers the limits need for the children of {@code parent}, where offered. */
    private void enable(Path parent, ResourceLimits limits) throws IOException {
        StringBuilder want = new StringBuilder();
        if (limits.cpuMilli() > 0) {
            want.append("+cpu ");
        }
        if (limits.memoryMb() > 0) {
            want.append("+memory ");
        }
        if (want.isEmpty()) {
            return;
        }
        for (Path level : List.of(mount, parent)) {
            String offered = Files.readString(level.resolve("cgroup.controllers"));
            for (String c : want.toString().trim().split(" ")) {
                if (offered.contains(c.substring(1))) {
                    CgroupFiles.write(level.resolve("cgroup.subtree_control"), c);
                }
            }
        }
    }

    private static void require(Path dir, String file, String controller) throws IOException {
        if (!Files.exists(dir.resolve(file))) {
            throw new IOException("cgroup v2 at " + dir.getParent().getParent() + " does not offer the " + controller
                    + " controller, so the " + controller + " limit cannot be enforced");
        }
    }

    private static void writeCpuMax(Path dir, int cpuMilli) throws IOException {
        CgroupFiles.write(dir.resolve("cpu.max"), (cpuMilli > 0 ? Long.toString(CPU_PERIOD_US * cpuMilli / 1000) : "max") + " " + CPU_PERIOD_US);
    }

    private record Group(String name, Path dir) implements Cgroup {
        @Override
        public void limitCpu(int cpuMilli) throws IOException {
            if (Files.exists(dir.resolve("cpu.max"))) {
                writeCpuMax(dir, cpuMilli);
            } else if (cpuMilli > 0) {
                throw new IOException("cgroup " + dir + " has no cpu controller, so its CPU limit cannot be set");
            }
        }

        @Override
        public List<Path> procsFiles() {
            return List.of(dir.resolve("cgroup.procs"));
        }

        @Override
        public Optional<CgroupStats> stats() {
            if (!Files.isDirectory(dir)) {
                return Optional.empty();
            }
            try {
                long cpu = CgroupStats.keyed(Files.readString(dir.resolve("cpu.stat")), "usage_usec");
                long current = CgroupFiles.readLong(dir.resolve("memory.current"), 0);
                long peak = CgroupFiles.readLong(dir.resolve("memory.peak"), 0);
                Path events = dir.resolve("memory.events");
                long oom = Files.exists(events) ? Math.max(0, CgroupStats.keyed(Files.readString(events), "oom_kill")) : 0;
                return Optional.of(new CgroupStats(cpu, current, peak, oom));
            } catch (IOException e) {
                return Optional.empty();
            }
        }

        @Override
        public Set<Long> pids() {
            return CgroupFiles.readPids(dir.resolve("cgroup.procs"));
        }

        @Override
        public void killAll() {
            Path kill = dir.resolve("cgroup.kill");
            if (Files.exists(kill)) {
                try {
                    CgroupFiles.write(kill, "1");
                    return;
                } catch (IOException e) {
                    // fall back to killing the listed pids one by one
                }
            }
            CgroupFiles.kill(pids());
        }

        @Override
        public void remove() throws IOException {
            CgroupFiles.rmdir(dir);
        }
    }
}
