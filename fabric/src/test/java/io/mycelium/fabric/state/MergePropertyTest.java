package io.mycelium.fabric.state;

import static org.assertj.core.api.Assertions.assertThat;

import io.mycelium.fabric.model.Plan;
import io.mycelium.spore.digest.Digest;
import io.mycelium.spore.key.SigningKey;
import io.mycelium.spore.key.TrustStore;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The merge converges whatever the order, duplication or loss (made good by a later full exchange). */
class MergePropertyTest {
    private static final SigningKey OPERATOR = SigningKey.fromSeed(new byte[32]);
    private static final TrustStore TRUST = TrustStore.of(OPERATOR.verifyingKey());
    private static final List<FabricRecord> PLANS = plans();

    private static List<FabricRecord> plans() {
        List<FabricRecord> out = new ArrayList<>();
        for (int rev = 1; rev <= 3; rev++) {
            for (String app : List.of("a", "b")) {
                Digest d = Digest.of((app + rev).getBytes(StandardCharsets.UTF_8));
                out.add(OperatorRecords.sign(OPERATOR, Plan.of(app, d, rev), app, rev, rev * 1000L));
            }
        }
        out.add(OperatorRecords.signDelete(OPERATOR, io.mycelium.fabric.model.RecordKind.PLAN, "b", 4, 9000));
        return out;
    }

    @Provide
    Arbitrary<List<FabricRecord>> records() {
        return record().list().ofMaxSize(40);
    }

    @Provide
    Arbitrary<List<FabricRecord>> someRecords() {
        return record().list().ofMinSize(1).ofMaxSize(30);
    }

    private Arbitrary<FabricRecord> record() {
        Arbitrary<FabricRecord> nodeOwned = Combinators.combine(
                Arbitraries.of("n1", "n2", "n3"), Arbitraries.longs().between(1, 3), Arbitraries.longs().between(1, 4),
                Arbitraries.doubles().between(0, 3).map(d -> Math.floor(d)), Arbitraries.integers().between(0, 9))
                .as((node, inc, ctr, val, t) -> t == 0 ? Records.tombstone(node, inc, ctr) : Records.telemetry(node, inc, ctr, val));
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(4, nodeOwned),
                net.jqwik.api.Tuple.of(1, Arbitraries.of(PLANS)));
    }

    private static StateStore apply(List<FabricRecord> messages) {
        StateStore s = new StateStore(TRUST, true);
        for (FabricRecord r : messages) {
            s.offer(r, 0);
        }
        return s;
    }

    @Property(tries = 200)
    void anyOrderAndDuplicationGiveTheSameState(@ForAll("records") List<FabricRecord> records, @ForAll long seed) {
        List<FabricRecord> shuffled = new ArrayList<>(records);
        Random rnd = new Random(seed);
        Collections.shuffle(shuffled, rnd);
        List<FabricRecord> duplicated = new ArrayList<>(shuffled);
        for (int i = 0; i < records.size() / 2 + 1 && !records.isEmpty(); i++) {
            duplicated.add(rnd.nextInt(duplicated.size() + 1), records.get(rnd.nextInt(records.size())));
        }
        StateStore a = apply(records);
        StateStore b = apply(duplicated);
        assertThat(b.all()).isEqualTo(a.all());
        assertThat(b.bucketHashes()).isEqualTo(a.bucketHashes());
    }

    @Property(tries = 200)
    void lossIsMadeGoodByAntiEntropy(@ForAll("records") List<FabricRecord> records, @ForAll long seed) {
        Random rnd = new Random(seed);
        List<FabricRecord> toA = new ArrayList<>();
        List<FabricRecord> toB = new ArrayList<>();
        for (FabricRecord r : records) {
            int fate = rnd.nextInt(3);
            if (fate != 1) {
                toA.add(r);
            }
            if (fate != 2) {
                toB.add(r);
            }
        }
        StateStore a = apply(toA);
        StateStore b = apply(toB);
        List<Integer> differ = a.differingBuckets(b.bucketHashes());
        StateStore.Comparison c = b.compare(differ, a.summaries(differ));
        for (FabricRecord r : c.give()) {
            a.offer(r, 0);
        }
        for (var k : c.want()) {
            FabricRecord r = a.get(k);
            if (r != null) {
                b.offer(r, 0);
            }
        }
        assertThat(a.all()).isEqualTo(b.all());
        assertThat(a.all()).isEqualTo(apply(records).all());
    }

    @Property(tries = 100)
    void theHighestVersionWins(@ForAll("someRecords") List<FabricRecord> records) {
        StateStore s = apply(records);
        for (FabricRecord held : s.all()) {
            for (FabricRecord r : records) {
                if (r.key().equals(held.key())) {
                    assertThat(held.compareForMerge(r)).isGreaterThanOrEqualTo(0);
                }
            }
        }
    }
}
