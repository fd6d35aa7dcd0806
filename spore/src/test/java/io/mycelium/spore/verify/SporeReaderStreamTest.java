package io.mycelium.spore.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

import io.mycelium.spore.digest.Digest;

/** Verifying a spore as it arrives on a stream, as an agent does when it fetches from a peer. */
class SporeReaderStreamTest {
    private static final Path NAME = Path.of("peer:billing.spore");

    @Test
    void streamedSporeVerifiesAndHandsOutExactlyTheSignedBytes() throws Exception {
        byte[] spore = SporeFixtures.validSpore();
        Map<String, ByteArrayOutputStream> out = new TreeMap<>();
        VerifiedSpore v = new SporeReader().read(new ByteArrayInputStream(spore), NAME, SporeFixtures.TRUST,
                f -> out.computeIfAbsent(f.path(), k -> new ByteArrayOutputStream()));
        assertThat(v.digest()).isEqualTo(Digest.of(spore));
        assertThat(out.keySet()).containsExactly("conf/app.properties", "run.sh");
        SporeFixtures.validEntries().forEach(e -> assertThat(out.get(e.name()).toByteArray()).isEqualTo(e.data()));
    }

    @Test
    void streamWithTrailingBytesOrCutShortIsRejected() {
        byte[] spore = SporeFixtures.validSporeUnchecked();
        SporeRejectedException trailing = catchThrowableOfType(SporeRejectedException.class, () -> new SporeReader()
                .read(new ByteArrayInputStream(Arrays.copyOf(spore, spore.length + 1)), NAME, SporeFixtures.TRUST, null));
        assertThat(trailing.reason()).isEqualTo(RejectReason.MALFORMED_ARCHIVE);
        assertThat(trailing.getMessage()).startsWith(NAME + ": ");
        SporeRejectedException cut = catchThrowableOfType(SporeRejectedException.class, () -> new SporeReader()
                .read(new ByteArrayInputStream(Arrays.copyOf(spore, spore.length - 1)), NAME, SporeFixtures.TRUST, null));
        assertThat(cut.reason()).isEqualTo(RejectReason.TRUNCATED);
    }
}
