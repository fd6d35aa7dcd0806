package io.mycelium.agent.cgroup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Cgroup v1: one directory per instance in each of the {@code cpu}, {@code memory} and {@code pids}
 * hierarchies, under {@code <mount>/<controller>/<root>/}.
 */
public final class CgroupV1 implements CgroupController {
    private static final List<String> CONTROLLERS = List.of("cpu", "memory", "pids");
    private static final long CFS_PERIOD_US = 100_000;

    private final Path mount;
    private final String root;

    /**
     * @param mount where the hierarchies are mounted, normally {@code /sys/fs/cgroup}
     * @param root  the agent's group under each hierarchy, e.g. {@code mycelium}
     */
    public CgroupV1(Path mount, String root) {
        this.mount = Objects.requireNonNull(mount, "mount");
        this.root = Objects.requireNonNull(root, "root");
    }

    /** True if all three hierarchies are mounted and writable here. */
    public static boolean available(Path mount) {
        return CONTROLLERS.stream().allMatch(c -> Files.isWritable(mount.resolve(c)) && Files.exists(mount.resolve(c).resolve("cgroup.procs")));
    }

    @Override
    public String version() {
        return "v1";
    }

    @Override
    public Cgroup create(String name, ResourceLimits limits) throws IOException {
        List<Path> dirs = dirs(name);
        for (Path dir : dirs) {
            Files.createDirectories(dir);
        }
        Path cpu = dirs.get(0);
        Path memory = dirs.get(1);
        if (limits.cpuMilli() > 0) {
            CgroupFiles.write(cpu.resolve("cpu.cfs_period_us"), Long.toString(CFS_PERIOD_US));
            writeQuota(cpu, limits.cpuMilli());
        }
        if (limits.memoryMb() > 0) {
            CgroupFiles.write(memory.resolve("memory.limit_in_bytes"), Long.toString(limits.memoryMb() * 1024L * 1024L));
        }
        return new Group(name, dirs);
    }

    @Override
    public Optional<Cgroup> find(String name) {
        List<Path> dirs = dirs(name);
        return dirs.stream().anyMatch(Files::isDirectory) ? Optional.of(new Group(name, dirs)) : Optional.empty();
    }

    private List<Path> dirs(String name) {
        List<Path> dirs = new ArrayList<>();
        for (String c : CONTROLLERS) {
            dirs.add(mount.resolve(c).resolve(root).resolve(name));
        }
        return dirs;
    }

    private static void writeQuota(Path cpuDir, int cpuMilli) throws IOException {
        CgroupFiles.write(cpuDir.resolve("cpu.cfs_quota_us"), cpuMilli > 0 ? Long.toString(CFS_PERIOD_US * cpuMilli / 1000) : "-1");
    }

    private record Group(String name, List<Path> dirs) implements Cgroup {
        @Override
        public void limitCpu(int cpuMilli) throws IOException {
            if (cpuMilli > 0) {
                CgroupFiles.write(dirs.get(0).resolve("cpu.cfs_period_us"), Long.toString(CFS_PERIOD_US));
            }
            writeQuota(dirs.get(0), cpuMilli);
        }

        @Override
        public List<Path> procsFiles() {
            return dirs.stream().map(d -> d.resolve("cgroup.procs")).toList();
        }

        @Override
        public Set<Long> pids() {
            Set<Long> all = new TreeSet<>();
            procsFiles().forEach(f -> all.addAll(CgroupFiles.readPids(f)));
            return all;
        }

        /** CPU is not counted here (the cpu hierarchy has no usage file without cpuacct): the meter reads /proc for it. */
        @Override
        public Optional<CgroupStats> stats() {
            Path memory = dirs.get(1);
            if (!Files.isDirectory(memory)) {
                return Optional.empty();
            }
            try {
                long current = CgroupFiles.readLong(memory.resolve("memory.usage_in_bytes"), 0);
                long peak = CgroupFiles.readLong(memory.resolve("memory.max_usage_in_bytes"), 0);
                Path control = memory.resolve("memory.oom_control");
                long oom = Files.exists(control) ? Math.max(0, CgroupStats.keyed(Files.readString(control), "oom_kill")) : 0;
                return Optional.of(new CgroupStats(-1, current, peak, oom));
            } catch (IOException e) {
                return Optional.empty();
            }
        }

        @Override
        public void killAll() {
            CgroupFiles.kill(pids());
        }

        @Override
        public void remove() throws IOException {
            for (Path dir : dirs) {
                CgroupFiles.rmdir(dir);
            }
        }
    }
}
