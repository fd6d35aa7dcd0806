package io.mycelium.agent.driver;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ProcStatTest {
    @Test
    void parsesFieldsAfterTheLastParenthesisSoOddCommandNamesDoNotShiftThem() {
        String line = "4242 (a b) (c)) S 1 4242 4242 0 -1 4194560 100 0 0 0 1 2 0 0 20 0 1 0 987654 1000 200";
        ProcStat stat = ProcStat.parse(4242, line);
        assertThat(stat).isEqualTo(new ProcStat(4242, 'S', 1, 4242, 4242, 987654));
        assertThat(stat.running()).isTrue();
        assertThat(ProcStat.parse(7, "7 (z) Z 1 7 7 0 -1 0 0 0 0 0 0 0 0 0 20 0 1 0 55 0 0").running()).isFalse();
    }

    @Test
    void rejectsTruncatedStatLines() {
        assertThatThrownBy(() -> ProcStat.parse(9, "9 (x) S 1 2"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("/proc/9/stat");
        assertThatThrownBy(() -> ProcStat.parse(9, "garbage")).hasMessageContaining("no ')'");
    }

    @Test
    void readsThisJvmAndNothingForAMissingPid() {
        long self = ProcessHandle.current().pid();
        ProcStat stat = ProcStat.read(self).orElseThrow();
        assertThat(stat.pid()).isEqualTo(self);
        assertThat(stat.startTicks()).isPositive();
        assertThat(stat.ppid()).isEqualTo(ProcessHandle.current().parent().orElseThrow().pid());
        assertThat(ProcStat.read(Integer.MAX_VALUE)).isEmpty();
    }
}
