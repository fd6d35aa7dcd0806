package io.mycelium.agent.driver;

import com.code_intelligence.jazzer.junit.FuzzTest;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Jazzer fuzz test of the {@code /proc/<pid>/stat} parser (a workload chooses its own command name,
 * which appears in that line): it returns a stat or throws IllegalArgumentException naming the file.
 * Seeds: {@code src/test/resources/io/mycelium/agent/driver/ProcStatFuzzTestInputs/}.
 */
class ProcStatFuzzTest {
    @FuzzTest(maxDuration = "30s")
    void statLine(byte[] data) {
        String line = new String(data, StandardCharsets.UTF_8);
        try {
            ProcStat stat = ProcStat.parse(42, line);
            assertThat(stat.pid()).isEqualTo(42);
        } catch (IllegalArgumentException expected) {
            assertThat(expected.getMessage()).isNotNull();
        } catch (StringIndexOutOfBoundsException e) {
            throw new AssertionError("parser indexed past the line: " + line, e);
        }
    }
}
