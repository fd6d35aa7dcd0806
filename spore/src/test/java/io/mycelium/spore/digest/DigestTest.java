package io.mycelium.spore.digest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DigestTest {
    private static final String ABC = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";

    @Test
    void digestsBytesAndFilesAlike(@TempDir Path dir) throws Exception {
        Path f = Files.writeString(dir.resolve("abc"), "abc");
        assertThat(Digest.of("abc".getBytes(StandardCharsets.US_ASCII)).hex()).isEqualTo(ABC);
        assertThat(Digest.ofFile(f)).isEqualTo(Digest.parse("sha256:" + ABC));
        assertThat(Digest.ofFile(f).toString()).isEqualTo("sha256:" + ABC);
    }

    @Test
    void rejectsMalformedText() {
        assertThatThrownBy(() -> Digest.parse(ABC)).hasMessageContaining("sha256:<64 hex digits>");
        assertThatThrownBy(() -> Digest.parse("sha256:" + ABC.toUpperCase())).hasMessageContaining("64 lowercase hex");
        assertThatThrownBy(() -> Digest.parse("sha256:" + ABC + "0")).isInstanceOf(IllegalArgumentException.class);
    }
}
