package io.mycelium.spore.verify;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

import com.code_intelligence.jazzer.junit.FuzzTest;

import io.mycelium.spore.manifest.ManifestCodec;
import io.mycelium.spore.manifest.ManifestException;

/**
 * Jazzer fuzz tests of the two parsers that see untrusted bytes. In the normal build they run in
 * regression mode over the seeds under {@code src/test/resources/io/mycelium/spore/verify/SporeFuzzTestInputs/};
 * {@code JAZZER_FUZZ=1 ./mvnw -pl spore test -Dtest=SporeFuzzTest} fuzzes them for real.
 */
class SporeFuzzTest {
    private static final Path NAME = Path.of("fuzz.spore");

    /** The manifest parser either returns a manifest that writes and re-reads to itself, or throws ManifestException. */
    @FuzzTest(maxDuration = "30s")
    void manifestParser(byte[] data) {
        try {
            var manifest = ManifestCodec.parse(data, "fuzz");
            assertThat(ManifestCodec.parse(ManifestCodec.write(manifest), "rewritten")).isEqualTo(manifest);
        } catch (ManifestException expected) {
            assertThat(expected.getMessage()).startsWith("fuzz: ").doesNotContain("\n");
        }
    }

    /**
     * The archive reader either rejects with a one-line message, or everything it handed out is
     * exactly what the signed manifest binds.
     */
    @FuzzTest(maxDuration = "30s")
    void archiveReader(byte[] data) {
        Map<String, ByteArrayOutputStream> written = new TreeMap<>();
        try {
            VerifiedSpore v = new SporeReader(new SporeLimits(64, 1 << 20, 1 << 20))
                    .read(new ByteArrayInputStream(data), NAME, SporeFixtures.TRUST, file -> written.computeIfAbsent(file.path(), k -> new ByteArrayOutputStream()));
            assertThat(written.keySet()).containsExactlyInAnyOrderElementsOf(v.files().stream().map(f -> f.path()).toList());
            v.files().forEach(f -> assertThat(io.mycelium.spore.digest.Digest.of(written.get(f.path()).toByteArray())).isEqualTo(f.digest()));
        } catch (SporeRejectedException expected) {
            assertThat(expected.getMessage()).startsWith(NAME + ": ").doesNotContain("\n");
        }
    }
}
