package io.mycelium.agent.meter;

import static org.assertj.core.api.Assertions.assertThat;

import io.mycelium.agent.cgroup.CgroupStats;
import io.mycelium.agent.instance.InstanceStatus;
import io.mycelium.fabric.model.InstanceState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The meter's choice of source per instance, on a fake /proc and fake cgroup figures. */
class InstanceReadingsTest {
    @TempDir
    Path proc;

    private static InstanceStatus running(String id, long pid) {
        return new InstanceStatus(id, "shop", InstanceState.READY, "", pid, 8080, 0, Instant.EPOCH);
    }

    /** A /proc/PID/stat of group {@code pgid} with {@code ticks} of CPU (utime) and {@code pages} resident. */
    private void stat(long pid, long pgid, long ticks, long pages) throws IOException {
        Path dir = Files.createDirectories(proc.resolve(Long.toString(pid)));
        StringBuilder f = new StringBuilder(pid + " (java) S 1 " + pgid + " " + pgid + " 0 -1 0 0 0 0 0 " + ticks + " 0 0 0 20 0 1 0 1 1000 " + pages);
        f.append(" 0".repeat(20));
        Files.writeString(dir.resolve("stat"), f.toString());
    }

    @Test
    void aV2CgroupIsReadInsteadOfProc() throws IOException {
        stat(100, 100, 999, 999);
        InstanceReadings r = new InstanceReadings(new GroupUsage(proc),
                id -> Optional.of(new CgroupStats(2_500_000, 64L * 1024 * 1024, 80L * 1024 * 1024, 0)));
        Map<String, GroupUsage.Reading> read = r.read(List.of(running("shop-0", 100)));
        assertThat(read).containsEntry("shop-0", new GroupUsage.Reading(2_500, 64));
    }

    @Test
    void aV1CgroupGivesMemoryAndProcTheCpu() throws IOException {
        stat(100, 100, 300, 10);
        stat(101, 100, 200, 10);
        InstanceReadings r = new InstanceReadings(new GroupUsage(proc), id -> Optional.of(new CgroupStats(-1, 32L * 1024 * 1024, 0, 0)));
        assertThat(r.read(List.of(running("shop-0", 100)))).containsEntry("shop-0", new GroupUsage.Reading(5_000, 32));
    }

    @Test
    void withoutACgroupProcAloneSumsTheGroup() throws IOException {
        stat(100, 100, 300, 256);
        stat(101, 100, 200, 256);
        stat(200, 200, 7, 1);
        InstanceReadings r = new InstanceReadings(new GroupUsage(proc), id -> Optional.empty());
        Map<String, GroupUsage.Reading> read = r.read(List.of(running("shop-0", 100), running("shop-1", 300)));
        assertThat(read).containsEntry("shop-0", new GroupUsage.Reading(5_000, 2)).doesNotContainKey("shop-1");
    }
}
