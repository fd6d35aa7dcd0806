package io.mycelium.fabric.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mycelium.fabric.metrics.FabricMetrics;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class SealerTest {
    private final Keyring.ClusterKey k1 = Keyring.ClusterKey.of("k1", Keyring.newKeyBytes());
    private final Keyring.ClusterKey k2 = Keyring.ClusterKey.of("k2", Keyring.newKeyBytes());
    private final FabricMetrics metrics = new FabricMetrics();
    private final Sealer alice = new Sealer(Keyring.of(k1), "alice", 5, metrics);
    private final Sealer bob = new Sealer(Keyring.of(k1), "bob", 1, metrics);
    private final byte[] body = "hello fabric".getBytes(StandardCharsets.UTF_8);

    private static String reason(ThrowingOpen open) {
        try {
            open.run();
            return "opened";
        } catch (MalformedMessageException e) {
            return e.reason();
        }
    }

    private interface ThrowingOpen {
        void run() throws MalformedMessageException;
    }

    @Test
    void opensWhatItSealsAndNamesTheSender() throws Exception {
        Sealer.Opened o = bob.open(alice.seal(body));
        assertThat(o.sender()).isEqualTo("alice");
        assertThat(o.body()).isEqualTo(body);
    }

    @Test
    void frameSealedWithAnotherKeyIsDroppedAsWrongKey() {
        Sealer mallory = new Sealer(Keyring.of(k2), "alice", 9, metrics);
        byte[] forged = mallory.seal(body);
        assertThat(reason(() -> bob.open(forged))).isEqualTo("wrong_key");
        assertThat(bob.openOrCount(forged)).isEmpty();
        assertThat(metrics.get("dropped_wrong_key")).isEqualTo(1);
    }

    @Test
    void tamperedCiphertextOrHeaderIsRefused() {
        byte[] f = alice.seal(body);
        byte[] ct = f.clone();
        ct[ct.length - 3] ^= 1;
        assertThat(reason(() -> bob.open(ct))).isEqualTo("wrong_key");
        byte[] nonce = f.clone();
        nonce[10] ^= 1;
        assertThat(reason(() -> bob.open(nonce))).isEqualTo("wrong_key");
        byte[] magic = f.clone();
        magic[0] = 'X';
        assertThat(reason(() -> bob.open(magic))).isEqualTo("malformed");
    }

    @Test
    void replayedFrameIsDroppedButReorderedFramesPass() throws Exception {
        byte[] f1 = alice.seal(body);
        byte[] f2 = alice.seal(body);
        bob.open(f2);
        bob.open(f1);
        assertThat(reason(() -> bob.open(f1))).isEqualTo("replayed");
        assertThat(reason(() -> bob.open(f2))).isEqualTo("replayed");
    }

    @Test
    void framesOfAnOlderEpochOfTheSenderAreReplays() throws Exception {
        Sealer aliceBefore = new Sealer(Keyring.of(k1), "alice", 4, metrics);
        byte[] old = aliceBefore.seal(body);
        bob.open(alice.seal(body));
        assertThat(reason(() -> bob.open(old))).isEqualTo("replayed");
    }

    @Test
    void framesFarBehindTheWindowAreReplays() throws Exception {
        byte[] first = alice.seal(body);
        for (int i = 0; i < ReplayWindow.WINDOW + 1; i++) {
            bob.open(alice.seal(body));
        }
        assertThat(reason(() -> bob.open(first))).isEqualTo("replayed");
    }

    @Test
    void truncatedAndOversizedFramesAreRefused() {
        byte[] f = alice.seal(body);
        for (int len = 0; len < f.length; len++) {
            byte[] cut = Arrays.copyOf(f, len);
            assertThat(reason(() -> bob.open(cut))).isIn("truncated", "wrong_key");
        }
        assertThat(reason(() -> bob.open(new byte[Sealer.MAX_FRAME + 1]))).isEqualTo("oversized");
    }

    @Test
    void rotationAcceptsTheOldKeyWhileSealingWithTheNewOne() throws Exception {
        Sealer rotated = new Sealer(Keyring.of(k2, k1), "carol", 1, metrics);
        assertThat(rotated.open(alice.seal(body)).sender()).isEqualTo("alice");
        Sealer stillOld = new Sealer(Keyring.of(k1, k2), "dave", 1, metrics);
        assertThat(stillOld.open(rotated.seal(body)).sender()).isEqualTo("carol");
        assertThat(reason(() -> bob.open(rotated.seal(body)))).isEqualTo("wrong_key");
    }

    @Test
    void keyringFileNamesTheProblemLine() {
        assertThatThrownBy(() -> Keyring.parse("k1 notbase64!\n", "ring.txt")).hasMessageContaining("ring.txt line 1");
        assertThatThrownBy(() -> Keyring.parse("# only comments\n", "ring.txt")).hasMessageContaining("no cluster key");
        assertThatThrownBy(() -> Keyring.parse("k1 AAAA\n", "ring.txt")).hasMessageContaining("AES-256 needs 32");
        Keyring ring = Keyring.parse(Keyring.newKeyringText("a") + Keyring.newKeyringText("b"), "ring.txt");
        assertThat(ring.primary().name()).isEqualTo("a");
        assertThat(ring.size()).isEqualTo(2);
    }
}
