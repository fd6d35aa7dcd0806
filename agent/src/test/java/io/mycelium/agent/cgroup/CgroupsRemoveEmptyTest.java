package io.mycelium.agent.cgroup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CgroupsRemoveEmptyTest {
    @TempDir
    Path mount;

    @Test
    void removesTheRootAndEveryEmptyGroupInEveryHierarchyButKeepsBusyOnes() throws Exception {
        Files.createDirectories(mount.resolve("memory/owned/a/nested"));
        Files.createDirectories(mount.resolve("cpu/owned/b"));
        Files.createDirectories(mount.resolve("unified/owned"));
        // a plain directory with a file stands in for a group that still holds a process
        Path busy = Files.createDirectories(mount.resolve("pids/owned/busy"));
        Files.writeString(busy.resolve("held"), "1234");
        Files.createDirectories(mount.resolve("memory/someone-else/c"));

        var kept = Cgroups.removeEmpty(mount, "owned");

        assertThat(mount.resolve("memory/owned")).doesNotExist();
        assertThat(mount.resolve("cpu/owned")).doesNotExist();
        assertThat(mount.resolve("unified/owned")).doesNotExist();
        assertThat(kept).containsExactlyInAnyOrder(busy, mount.resolve("pids/owned"));
        assertThat(mount.resolve("memory/someone-else/c")).isDirectory();
    }

    @Test
    void refusesARootThatIsNotOnePlainName() {
        assertThatThrownBy(() -> Cgroups.removeEmpty(mount, "../memory")).hasMessageContaining("one plain name");
        assertThatThrownBy(() -> Cgroups.removeEmpty(mount, "")).hasMessageContaining("one plain name");
    }
}
