package io.mycelium.agent.logs;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LogFilesTest {
    @TempDir
    Path dir;

    private static void append(Path file, String text) throws IOException {
        Files.writeString(file, text, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    @Test
    void rotatesBySizeKeepingNCopiesNewestFirst() throws IOException {
        Path log = dir.resolve("stdout.log");
        LogPolicy policy = new LogPolicy(1024, 2);
        append(log, "a".repeat(1024));
        assertThat(LogRotator.rotateIfNeeded(log, policy)).as("not over the limit yet").isFalse();
        for (String c : List.of("b", "c", "d")) {
            append(log, c.repeat(1100));
            assertThat(LogRotator.rotateIfNeeded(log, policy)).isTrue();
            assertThat(log).isEmptyFile();
        }
        assertThat(Files.readString(LogRotator.numbered(log, 1))).startsWith("d");
        assertThat(Files.readString(LogRotator.numbered(log, 2))).startsWith("c");
        assertThat(LogRotator.numbered(log, 3)).doesNotExist();
    }

    @Test
    void aWriterInAppendModeContinuesAtTheStartAfterCopyTruncate() throws IOException {
        Path log = dir.resolve("stdout.log");
        try (var out = Files.newOutputStream(log, StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
            out.write("x".repeat(2000).getBytes());
            out.flush();
            LogRotator.rotate(log, 1);
            out.write("after\n".getBytes());
        }
        assertThat(Files.readString(log)).isEqualTo("after\n");
        assertThat(Files.size(LogRotator.numbered(log, 1))).isEqualTo(2000);
    }

    @Test
    void tailReturnsTheLastLinesEvenAcrossChunks() throws IOException {
        Path log = dir.resolve("big.log");
        StringBuilder text = new StringBuilder();
        IntStream.range(0, 5000).forEach(i -> text.append("line ").append(i).append('\n'));
        Files.writeString(log, text);
        assertThat(LogTail.tail(log, 3)).containsExactly("line 4997", "line 4998", "line 4999");
        assertThat(LogTail.tail(log, 5000)).hasSize(5000).startsWith("line 0");
        assertThat(LogTail.tail(log, 9999)).hasSize(5000);
        append(log, "partial");
        assertThat(LogTail.tail(log, 2)).containsExactly("line 4999", "partial");
        assertThat(LogTail.tail(dir.resolve("absent.log"), 10)).isEmpty();
        assertThat(LogTail.tail(log, 0)).isEmpty();
        assertThatThrownBy(() -> LogTail.tail(log, -1)).hasMessageContaining("-1");
    }

    @Test
    void followerSeesNewCompleteLinesAndStartsOverAfterTruncation() throws IOException {
        Path log = dir.resolve("f.log");
        append(log, "old\n");
        LogFollower fromEnd = LogFollower.fromEnd(log);
        LogFollower fromStart = LogFollower.fromStart(log);
        assertThat(fromEnd.poll()).isEmpty();
        append(log, "one\ntw");
        assertThat(fromEnd.poll()).containsExactly("one");
        assertThat(fromStart.poll()).containsExactly("old", "one");
        append(log, "o\n");
        assertThat(fromEnd.poll()).containsExactly("two");
        append(log, "unread\nhalf");
        LogRotator.rotate(log, 1);
        append(log, " line\nfresh\n");
        assertThat(fromEnd.poll()).as("finishes the rotated copy first").containsExactly("unread", "half line", "fresh");
        List<String> none = new ArrayList<>(fromEnd.poll());
        assertThat(none).isEmpty();
    }

    @Test
    void policyRejectsTinyFilesAndNegativeCounts() {
        assertThatThrownBy(() -> new LogPolicy(10, 1)).hasMessageContaining("below the 1024-byte minimum");
        assertThatThrownBy(() -> new LogPolicy(4096, -1)).hasMessageContaining("outside 0-100");
    }

    @Test
    void tailAcrossRotationFillsUpFromTheRotatedCopy() throws IOException {
        Path log = dir.resolve("r.log");
        append(log, "a\nb\nc\n");
        LogRotator.rotate(log, 2);
        append(log, "d\n");
        assertThat(LogTail.tailAcrossRotation(log, 3)).containsExactly("b", "c", "d");
        assertThat(LogTail.tailAcrossRotation(log, 1)).containsExactly("d");
        assertThat(LogTail.tailAcrossRotation(dir.resolve("none.log"), 5)).isEmpty();
    }
}
