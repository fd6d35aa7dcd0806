package io.mycelium.agent.cgroup;

import java.io.IOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

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

    /**
     * Removes the agent's root group {@code root} and every group under it that holds no process,
     * in every hierarchy this host mounts (v1 controllers and the unified one). Groups that still
     * hold processes are kept and returned. For whoever owns the whole root (a test, or an operator
     * clearing what killed agents left): agents sharing a root must not sweep it while another one
     * may be between creating a group and moving a process into it.
     */
    public static List<Path> removeEmpty(String root) {
        return removeEmpty(Path.of("/sys/fs/cgroup"), root);
    }

    static List<Path> removeEmpty(Path mount, String root) {
        if (root == null || root.isBlank() || root.contains("/") || root.startsWith(".")) {
            throw new IllegalArgumentException("cgroup root '" + root + "' must be one plain name");
        }
        List<Path> kept = new ArrayList<>();
        List<Path> tops = new ArrayList<>();
        for (String h : List.of("cpu", "memory", "pids", "unified", "")) {
            Path top = h.isEmpty() ? mount.resolve(root) : mount.resolve(h).resolve(root);
            if (Files.isDirectory(top)) {
                tops.add(top);
            }
        }
        for (Path top : tops) {
            List<Path> dirs;
            try (Stream<Path> walk = Files.walk(top)) {
                dirs = walk.filter(Files::isDirectory).sorted(Comparator.reverseOrder()).toList();
            } catch (IOException e) {
                kept.add(top);
                continue;
            }
            for (Path dir : dirs) {
                try {
                    Files.delete(dir); // rmdir: the kernel refuses while the group holds processes or children
                } catch (DirectoryNotEmptyException e) {
                    kept.add(dir);
                } catch (IOException e) {
                    kept.add(dir);
                }
            }
        }
        return List.copyOf(kept);
    }
}
