package io.mycelium.examples.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.junit.jupiter.api.Test;

class WorkloadTest {
    @Test
    void aBadPortIsOneLineAndExitCodeTwo() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Workload.run("billing", "1.0.0", Map.of("PORT", "x"), s -> Map.of(),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(code).isEqualTo(2);
        assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
        assertThat(err.toString(StandardCharsets.UTF_8).lines().toList())
                .containsExactly("billing: PORT 'x' is not a port number (0-65535); set it to a free port, or 0 for any");
    }

    @Test
    void aTakenPortIsOneLineAndExitCodeOne() throws Exception {
        try (WorkloadServer taken = WorkloadServer.start(WorkloadSettings.fromEnv("x", "1", Map.of()), Map.of())) {
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            int code = Workload.run("billing", "1.0.0", Map.of("PORT", Integer.toString(taken.port())), s -> Map.of(),
                    new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                    new PrintStream(err, true, StandardCharsets.UTF_8));
            assertThat(code).isEqualTo(1);
            assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("billing: cannot listen on 127.0.0.1:" + taken.port());
        }
    }
}
