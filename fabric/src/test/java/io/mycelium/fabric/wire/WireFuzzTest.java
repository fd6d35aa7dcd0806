package io.mycelium.fabric.wire;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.mycelium.fabric.metrics.FabricMetrics;
import io.mycelium.fabric.membership.SealedScaleCubeCodec;
import io.mycelium.fabric.state.StateStore;
import io.mycelium.spore.key.TrustStore;

/** Fuzz targets: decoders of network input must only ever fail with {@link MalformedMessageException}. */
class WireFuzzTest {
    private static final Keyring RING = Keyring.of(Keyring.ClusterKey.of("k", new byte[32]));
    private static final Sealer SEALER = new Sealer(RING, "fuzz", 1, new FabricMetrics());

    @FuzzTest
    void wireDecodeFailsOnlyAsMalformed(byte[] data) {
        try {
            WireMessage m = WireCodec.decode(data);
            StateStore s = new StateStore(TrustStore.of(), true);
            if (m instanceof WireMessage.Push p) {
                p.records().forEach(r -> s.offer(r, 0));
            }
        } catch (MalformedMessageException expected) {
            // dropped and counted by the caller
        }
    }

    @FuzzTest
    void sealedFrameOpenFailsOnlyAsMalformed(byte[] data) {
        try {
            SEALER.open(data);
        } catch (MalformedMessageException expected) {
            // dropped and counted by the caller
        }
    }

    @FuzzTest
    void scaleCubeBodyDecodeFailsOnlyAsMalformed(byte[] data) {
        try {
            SealedScaleCubeCodec.decode(data);
        } catch (MalformedMessageException expected) {
            // dropped and counted by the caller
        }
    }
}
