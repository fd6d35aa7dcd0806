package io.mycelium.fabric.state;

import static org.assertj.core.api.Assertions.assertThat;

import io.mycelium.fabric.model.Plan;
import io.mycelium.fabric.model.RecordKind;
import io.mycelium.spore.digest.Digest;
import io.mycelium.spore.key.SigningKey;
import io.mycelium.spore.key.TrustStore;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class StateStoreTest {
    private final SigningKey operator = SigningKey.generate();
    private final StateStore store = new StateStore(TrustStore.of(operator.verifyingKey()), true);
    private final Digest d1 = Digest.of("1".getBytes(StandardCharsets.UTF_8));

    private FabricRecord plan(int rev, int instances) {
        return OperatorRecords.sign(operator, Plan.of("billing", d1, instances), "billing", rev, rev * 10L);
    }

    @Test
    void acceptsTrustedPlanAndRefusesRollbackToALowerRevision() {
        assertThat(store.offer(plan(5, 2), 0).applied()).isTrue();
        MergeOutcome o = store.offer(plan(4, 9), 0);
        assertThat(o.kind()).isEqualTo(MergeOutcome.Kind.ROLLBACK);
        assertThat(o.reason()).contains("revision 4", "revision 5");
        assertThat(store.get(RecordKey.operator(RecordKind.PLAN, "billing")).value(Plan.class)).map(Plan::instances).contains(2);
    }

    @Test
    void refusesUnsignedAndForgedOperatorRecords() {
        FabricRecord good = plan(1, 2);
        FabricRecord unsigned = new FabricRecord(good.key(), good.version(), good.payload(), "");
        assertThat(store.offer(unsigned, 0).kind()).isEqualTo(MergeOutcome.Kind.UNSIGNED);
        FabricRecord tampered = new FabricRecord(good.key(), good.version(), good.payload().replace("2", "7"), good.signature());
        assertThat(store.offer(tampered, 0).kind()).isEqualTo(MergeOutcome.Kind.FORGED);
        FabricRecord byStranger = OperatorRecords.sign(SigningKey.generate(), Plan.of("billing", d1, 2), "billing", 1, 1);
        MergeOutcome o = store.offer(byStranger, 0);
        assertThat(o.kind()).isEqualTo(MergeOutcome.Kind.FORGED);
        assertThat(o.reason()).contains("untrusted key");
        assertThat(store.size()).isZero();
    }

    @Test
    void refusesAPayloadThatIsNotItsKind() {
        FabricRecord r = new FabricRecord(RecordKey.node(RecordKind.CAPACITY, "n1", ""), new Version(1, 1, ""),
                "{\"cpu_milli_total\": 1, \"cpu_milli_free\": 5, \"memory_mb_total\": 1, \"memory_mb_free\": 1}", "");
        MergeOutcome o = store.offer(r, 0);
        assertThat(o.kind()).isEqualTo(MergeOutcome.Kind.MALFORMED);
        assertThat(o.reason()).contains("free capacity exceeds the total");
    }

    @Test
    void tombstoneWinsOverOlderWritesAndIsCollectedAfterItsTtl() {
        store.offer(Records.telemetry("n1", 1, 1, 1), 0);
        assertThat(store.offer(Records.tombstone("n1", 1, 2), 1_000).applied()).isTrue();
        assertThat(store.offer(Records.telemetry("n1", 1, 1, 1), 2_000).kind()).isEqualTo(MergeOutcome.Kind.STALE);
        assertThat(store.collectTombstones(5_000, 10_000)).isZero();
        assertThat(store.collectTombstones(11_000, 10_000)).isEqualTo(1);
        assertThat(store.size()).isZero();
        assertThat(store.bucketHashes()).containsOnly(0L);
    }

    @Test
    void newerIncarnationReplacesAnyCounterOfTheOldOne() {
        store.offer(Records.telemetry("n1", 1, 99, 1), 0);
        assertThat(store.offer(Records.telemetry("n1", 2, 1, 2), 0).applied()).isTrue();
        assertThat(store.offer(Records.telemetry("n1", 1, 100, 3), 0).kind()).isEqualTo(MergeOutcome.Kind.STALE);
    }

    @Test
    void listenersHearOnlyAppliedRecords() {
        List<FabricRecord> heard = new ArrayList<>();
        store.addListener(heard::add);
        FabricRecord r = Records.telemetry("n1", 1, 1, 1);
        store.offer(r, 0);
        store.offer(r, 0);
        store.offer(Records.telemetry("n1", 1, 0, 1), 0);
        assertThat(heard).containsExactly(r);
    }

    @Test
    void comparisonGivesWhatThePeerLacksAndWantsWhatItHasNewer() {
        StateStore peer = new StateStore(TrustStore.of(operator.verifyingKey()), true);
        store.offer(Records.telemetry("n1", 1, 2, 1), 0);
        peer.offer(Records.telemetry("n1", 1, 1, 1), 0);
        store.offer(Records.telemetry("n2", 1, 1, 1), 0);
        peer.offer(Records.telemetry("n3", 1, 1, 1), 0);
        List<Integer> differ = store.differingBuckets(peer.bucketHashes());
        StateStore.Comparison c = store.compare(differ, peer.summaries(differ));
        assertThat(c.give()).extracting(r -> r.key().owner()).containsExactlyInAnyOrder("n1", "n2");
        assertThat(c.want()).extracting(RecordKey::owner).containsExactly("n3");
    }
}
