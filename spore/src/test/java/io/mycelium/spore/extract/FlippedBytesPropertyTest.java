package io.mycelium.spore.extract;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;

import io.mycelium.spore.digest.Digest;
import io.mycelium.spore.verify.SporeFixtures;
import io.mycelium.spore.verify.SporeRejectedException;
import io.mycelium.spore.verify.VerifiedSpore;

/**
 * Flips random bytes of a valid spore: every result must be either rejected (leaving nothing
 * behind) or extract to exactly the signed content.
 */
class FlippedBytesPropertyTest {
    /** The usual entries plus 2 KiB of data, so that payload bytes are a fair share of the archive. */
    private static final List<SporeFixtures.Entry> ENTRIES = entries();
    private static final byte[] VALID = valid();
    private static final Map<String, byte[]> SIGNED = signedContent();

    private static List<SporeFixtures.Entry> entries() {
        byte[] data = new byte[2048];
        new java.util.Random(42).nextBytes(data);
        List<SporeFixtures.Entry> all = new java.util.ArrayList<>(SporeFixtures.validEntries());
        all.add(SporeFixtures.Entry.file("data/blob.bin", data));
        return List.copyOf(all);
    }

    private static byte[] valid() {
        try {
            return SporeFixtures.archive(SporeFixtures.envelope(SporeFixtures.manifestFor(ENTRIES), SporeFixtures.PUBLISHER), ENTRIES);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, byte[]> signedContent() {
        Map<String, byte[]> m = new TreeMap<>();
        ENTRIES.forEach(e -> m.put(e.name(), e.data()));
        return m;
    }

    /** One to four (position, xor mask) pairs; the mask is never 0, so every pair changes a byte. */
    @Provide
    Arbitrary<List<Tuple.Tuple2<Integer, Integer>>> flips() {
        return Combinators.combine(Arbitraries.integers().between(0, VALID.length - 1), Arbitraries.integers().between(1, 255)).as(Tuple::of)
                .list().ofMinSize(1).ofMaxSize(4);
    }

    @Property(tries = 400)
    void flippedSporeIsRejectedOrExtractsExactlyTheSignedContent(@ForAll("flips") List<Tuple.Tuple2<Integer, Integer>> flips)
            throws IOException {
        byte[] mutated = VALID.clone();
        for (Tuple.Tuple2<Integer, Integer> f : flips) {
            mutated[f.get1()] ^= (byte) (int) f.get2();
        }
        Path dir = Files.createTempDirectory("spore-flip");
        try {
            Path spore = Files.write(dir.resolve("m.spore"), mutated);
            Path target = dir.resolve("out");
            VerifiedSpore v;
            try {
                v = SporeExtractor.extract(spore, SporeFixtures.TRUST, target);
            } catch (SporeRejectedException e) {
                Statistics.collect(e.reason().name());
                assertThat(e.getMessage()).startsWith(spore + ": ").doesNotContain("\n");
                try (Stream<Path> left = Files.list(dir)) {
                    assertThat(left.toList()).containsExactly(spore);
                }
                return;
            }
            Statistics.collect("ACCEPTED");
            assertThat(v.digest()).isEqualTo(Digest.of(mutated));
            Map<String, byte[]> extracted = new TreeMap<>();
            try (Stream<Path> files = Files.walk(target)) {
                for (Path p : files.filter(Files::isRegularFile).toList()) {
                    extracted.put(target.relativize(p).toString(), Files.readAllBytes(p));
                }
            }
            assertThat(extracted.keySet()).isEqualTo(SIGNED.keySet());
            SIGNED.forEach((name, bytes) -> assertThat(extracted.get(name)).as(name).isEqualTo(bytes));
        } finally {
            SporeExtractor.deleteTree(dir);
        }
    }
}
