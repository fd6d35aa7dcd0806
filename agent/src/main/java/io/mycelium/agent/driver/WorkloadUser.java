package io.mycelium.agent.driver;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * The unprivileged account workloads run as when the agent is root.
 *
 * @param name account name (default {@code nobody})
 * @param uid  its uid
 * @param gid  its primary gid
 */
public record WorkloadUser(String name, int uid, int gid) {
    public WorkloadUser {
        Objects.requireNonNull(name, "name");
        if (uid < 0 || gid < 0) {
            throw new IllegalArgumentException("user " + name + ": uid " + uid + " and gid " + gid + " must be >= 0");
        }
    }

    /** Looks the account up in {@code /etc/passwd}. */
    public static WorkloadUser lookup(String name) {
        return lookup(Path.of("/etc/passwd"), name);
    }

    static WorkloadUser lookup(Path passwd, String name) {
        try {
            for (String line : Files.readAllLines(passwd)) {
                String[] f = line.split(":", -1);
                if (f.length >= 4 && f[0].equals(name)) {
                    return new WorkloadUser(name, Integer.parseInt(f[2]), Integer.parseInt(f[3]));
                }
            }
        } catch (IOException | NumberFormatException e) {
            throw new IllegalArgumentException("cannot read user " + name + " from " + passwd + ": " + e.getMessage(), e);
        }
        throw new IllegalArgumentException("workload user '" + name + "' does not exist in " + passwd
                + "; create it or configure another user");
    }

    /** The uid this JVM runs as, from {@code /proc/self/status}. */
    public static int currentUid() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("Uid:")) {
                    return Integer.parseInt(line.substring(4).trim().split("\\s+")[1]);
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read /proc/self/status: " + e.getMessage(), e);
        }
        throw new IllegalStateException("/proc/self/status has no Uid line");
    }

    /** The user workloads should run as: the named one when this JVM is root, none otherwise. */
    public static Optional<WorkloadUser> forAgent(String name) {
        return currentUid() == 0 ? Optional.of(lookup(name)) : Optional.empty();
    }
}
