package io.mycelium.fabric.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mycelium.fabric.model.Plan;
import io.mycelium.fabric.state.FabricRecord;
import io.mycelium.fabric.state.OperatorRecords;
import io.mycelium.fabric.state.Records;
import io.mycelium.fabric.state.StateStore;
import io.mycelium.fabric.state.Version;
import io.mycelium.spore.digest.Digest;
import io.mycelium.spore.key.SigningKey;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class WireCodecTest {
    private final FabricRecord plan = OperatorRecords.sign(SigningKey.generate(),
            Plan.of("billing", Digest.of("x".getBytes(StandardCharsets.UTF_8)), 2), "billing", 1, 42);
    private final List<WireMessage> samples = List.of(
            new WireMessage.Push(List.of(plan, Records.telemetry("n1", 1, 2, 3.5), Records.tombstone("n2", 1, 1))),
            new WireMessage.DigestRequest(new long[StateStore.BUCKETS]),
            new WireMessage.DigestReply(List.of(3, 63), List.of(new StateStore.Summary(plan.key(), plan.version(), -7))),
            new WireMessage.Delta(List.of(plan), List.of(Records.telemetry("n1", 1, 1, 1).key()), false),
            new WireMessage.Delta(List.of(), List.of(), true));

    @Test
    void everyMessageRoundTrips() throws Exception {
        for (WireMessage m : samples) {
            assertThat(WireCodec.decode(WireCodec.encode(m))).isEqualTo(m);
        }
    }

    @Test
    void everyTruncationIsDroppedAsTruncatedOrMalformed() {
        for (WireMessage m : samples) {
            byte[] full = WireCodec.encode(m);
            for (int len = 0; len < full.length; len++) {
                byte[] cut = Arrays.copyOf(full, len);
                assertThatThrownBy(() -> WireCodec.decode(cut)).isInstanceOf(MalformedMessageException.class)
                        .satisfies(e -> assertThat(((MalformedMessageException) e).reason()).isIn("truncated", "malformed"));
            }
        }
    }

    @Test
    void oversizedMessageIsRefusedBeforeParsing() {
        byte[] huge = new byte[WireCodec.MAX_MESSAGE + 1];
        huge[0] = 1;
        assertThatThrownBy(() -> WireCodec.decode(huge)).isInstanceOf(MalformedMessageException.class)
                .extracting(e -> ((MalformedMessageException) e).reason()).isEqualTo("oversized");
    }

    @Test
    void hugeCountsDoNotAllocate() {
        byte[] b = ByteBuffer.allocate(5).put((byte) 1).putInt(Integer.MAX_VALUE).array();
        assertThatThrownBy(() -> WireCodec.decode(b)).isInstanceOf(MalformedMessageException.class);
        byte[] c = ByteBuffer.allocate(5).put((byte) 1).putInt(50_000).array();
        assertThatThrownBy(() -> WireCodec.decode(c)).isInstanceOf(MalformedMessageException.class)
                .extracting(e -> ((MalformedMessageException) e).reason()).isEqualTo("truncated");
    }

    @Test
    void randomGarbageOnlyEverFailsAsMalformedMessage() {
        Random rnd = new Random(7);
        for (int i = 0; i < 20_000; i++) {
            byte[] b = new byte[rnd.nextInt(200)];
            rnd.nextBytes(b);
            if (b.length > 0) {
                b[0] = (byte) (1 + rnd.nextInt(5));
            }
            try {
                WireCodec.decode(b);
            } catch (MalformedMessageException expected) {
                assertThat(expected.reason()).isIn("truncated", "malformed");
            }
        }
    }

    @Test
    void flippedBytesNeverEscapeAsOtherExceptions() {
        byte[] full = WireCodec.encode(samples.getFirst());
        Random rnd = new Random(11);
        for (int i = 0; i < 5_000; i++) {
            byte[] b = full.clone();
            b[rnd.nextInt(b.length)] ^= (byte) (1 + rnd.nextInt(255));
            try {
                WireCodec.decode(b);
            } catch (MalformedMessageException expected) {
                assertThat(expected.getMessage()).isNotBlank();
            }
        }
    }

    @Test
    void versionsOutOfRangeAreMalformed() {
        FabricRecord r = new FabricRecord(plan.key(), new Version(1, 1, ""), "{}", "");
        byte[] b = WireCodec.encode(new WireMessage.Push(List.of(r)));
        // the major of the first record's version starts after type(1) count(4) kind(1) owner(4+8) name(4+7)
        int majorAt = 1 + 4 + 1 + 4 + "operator".length() + 4 + "billing".length();
        b[majorAt] = (byte) 0x80;
        assertThatThrownBy(() -> WireCodec.decode(b)).isInstanceOf(MalformedMessageException.class).hasMessageContaining("negative");
    }
}
