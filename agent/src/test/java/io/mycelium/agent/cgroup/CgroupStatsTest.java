package io.mycelium.agent.cgroup;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading a cgroup's usage and OOM kills from the kernel's files, laid out as v2 and v1 lay them. */
class CgroupStatsTest {
    @TempDir
    Path mount;

    @Test
    void v2ReadsCpuStatMemoryCurrentPeakAndOomKills() throws IOException {
        Path dir = Files.createDirectories(mount.resolve("mycelium").resolve("shop-0"));
        Files.writeString(dir.resolve("cpu.stat"), "usage_usec 1234567\nuser_usec 1000000\nsystem_usec 234567\n");
        Files.writeString(dir.resolve("memory.current"), "67108864\n");
        Files.writeString(dir.resolve("memory.peak"), "134217728\n");
        Files.writeString(dir.resolve("memory.events"), "low 0\nhigh 0\nmax 12\noom 1\noom_kill 1\noom_group_kill 0\n");
        CgroupStats s = new CgroupV2(mount, "mycelium").find("shop-0").orElseThrow().stats().orElseThrow();
        assertThat(s).isEqualTo(new CgroupStats(1_234_567, 64L << 20, 128L << 20, 1));
        assertThat(s.countsCpu()).isTrue();
    }

    @Test
    void v1ReadsMemoryAndOomControlAndLeavesCpuToProc() throws IOException {
        Path memory = Files.createDirectories(mount.resolve("memory").resolve("mycelium").resolve("shop-0"));
        Files.writeString(memory.resolve("memory.usage_in_bytes"), "1048576\n");
        Files.writeString(memory.resolve("memory.max_usage_in_bytes"), "2097152\n");
        Files.writeString(memory.resolve("memory.oom_control"), "oom_kill_disable 0\nunder_oom 0\noom_kill 3\n");
        CgroupStats s = new CgroupV1(mount, "mycelium").find("shop-0").orElseThrow().stats().orElseThrow();
        assertThat(s).isEqualTo(new CgroupStats(-1, 1L << 20, 2L << 20, 3));
        assertThat(s.countsCpu()).isFalse();
    }

    @Test
    void aRemovedCgroupHasNoStats() throws IOException {
        Path dir = Files.createDirectories(mount.resolve("mycelium").resolve("shop-0"));
        Cgroup g = new CgroupV2(mount, "mycelium").find("shop-0").orElseThrow();
        Files.delete(dir);
        assertThat(g.stats()).isEmpty();
    }
}
