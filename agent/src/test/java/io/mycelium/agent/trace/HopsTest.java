package io.mycelium.agent.trace;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HopsTest {
    @Test
    void aMarkIsOneLineWithEpochMicrosecondsThatParsesBack() {
        String line = Hops.line(Instant.parse("2026-11-29T03:00:00.123456789Z"), "web-0-abc", "process-started");
        assertThat(line).isEqualTo("hop 1795921200123456 web-0-abc process-started");
        assertThat(Hops.Mark.parse(line)).isEqualTo(new Hops.Mark(1795921200123456L, "web-0-abc", "process-started"));
    }

    @Test
    void linesThatAreNotMarksParseToNull() {
        assertThat(Hops.Mark.parse("INFO: instance web-0 draining")).isNull();
        assertThat(Hops.Mark.parse("hop notanumber web-0 ready")).isNull();
        assertThat(Hops.Mark.parse("hop 12 web-0")).isNull();
    }

    @Test
    void namesWithSpacesAreRefused() {
        assertThatThrownBy(() -> Hops.line(Instant.EPOCH, "web 0", "ready")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("one word");
        assertThatThrownBy(() -> Hops.line(Instant.EPOCH, "web-0", "")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void marksGoToTheSinkOnlyWhileOneIsSet() {
        List<String> got = new CopyOnWriteArrayList<>();
        Consumer<String> old = Hops.sendTo(got::add);
        try {
            assertThat(Hops.enabled()).isTrue();
            Instant before = Instant.now();
            Hops.mark("web-1-xyz", "ready");
            assertThat(got).hasSize(1);
            Hops.Mark m = Hops.Mark.parse(got.get(0));
            assertThat(m.instanceId()).isEqualTo("web-1-xyz");
            assertThat(m.hop()).isEqualTo("ready");
            assertThat(m.epochMicros()).isGreaterThanOrEqualTo(before.getEpochSecond() * 1_000_000L + before.getNano() / 1_000);
            Hops.sendTo(null);
            assertThat(Hops.enabled()).isFalse();
            Hops.mark("web-1-xyz", "endpoint-published");
            assertThat(got).hasSize(1);
        } finally {
            Hops.sendTo(old);
        }
    }
}
