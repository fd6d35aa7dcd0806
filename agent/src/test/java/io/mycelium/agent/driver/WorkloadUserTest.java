package io.mycelium.agent.driver;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WorkloadUserTest {
    @Test
    void looksTheAccountUpInPasswd(@TempDir Path dir) throws IOException {
        Path passwd = Files.writeString(dir.resolve("passwd"),
                "root:x:0:0:root:/root:/bin/bash\nnobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin\nweb:x:1001:1002::/srv:/bin/false\n");
        assertThat(WorkloadUser.lookup(passwd, "nobody")).isEqualTo(new WorkloadUser("nobody", 65534, 65534));
        assertThat(WorkloadUser.lookup(passwd, "web")).isEqualTo(new WorkloadUser("web", 1001, 1002));
        assertThatThrownBy(() -> WorkloadUser.lookup(passwd, "ghost"))
                .hasMessage("workload user 'ghost' does not exist in " + passwd + "; create it or configure another user");
    }

    @Test
    void onlyARootAgentSwitchesUser() {
        boolean root = WorkloadUser.currentUid() == 0;
        assertThat(WorkloadUser.forAgent("nobody").isPresent()).isEqualTo(root);
    }
}
