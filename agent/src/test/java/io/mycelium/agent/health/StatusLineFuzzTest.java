package io.mycelium.agent.health;

import com.code_intelligence.jazzer.junit.FuzzTest;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Jazzer fuzz test of the health probe's status-line parser, which reads whatever a workload sends:
 * it never throws and yields either -1 or a three-digit code taken from the line.
 * Seeds: {@code src/test/resources/io/mycelium/agent/health/StatusLineFuzzTestInputs/}.
 */
class StatusLineFuzzTest {
    @FuzzTest(maxDuration = "30s")
    void statusLine(byte[] data) {
        String line = new String(data, StandardCharsets.ISO_8859_1);
        int status = HealthProbe.parseStatus(line);
        if (status != -1) {
            assertThat(status).isBetween(0, 999);
            assertThat(line).startsWith("HTTP/1.").contains(" " + String.format("%03d", status));
        }
    }
}
