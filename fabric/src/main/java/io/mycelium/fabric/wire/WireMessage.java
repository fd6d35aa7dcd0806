package io.mycelium.fabric.wire;

import io.mycelium.fabric.state.FabricRecord;
import io.mycelium.fabric.state.RecordKey;
import io.mycelium.fabric.state.StateStore;
import java.util.Arrays;
import java.util.List;

/**
 * The dissemination protocol. Push spreads new records; anti-entropy is DigestRequest (my bucket
 * hashes) -> DigestReply (my summaries of the buckets that differ) -> Delta (records you lack, keys
 * I want) -> Delta (the wanted records).
 */
public sealed interface WireMessage {
    record Push(List<FabricRecord> records) implements WireMessage {
        public Push {
            records = List.copyOf(records);
        }
    }

    record DigestRequest(long[] buckets) implements WireMessage {
        public DigestRequest {
            if (buckets.length != StateStore.BUCKETS) {
                throw new IllegalArgumentException("digest has " + buckets.length + " buckets, expected " + StateStore.BUCKETS);
            }
            buckets = buckets.clone();
        }

        @Override
        public long[] buckets() {
            return buckets.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof DigestRequest d && Arrays.equals(buckets, d.buckets);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(buckets);
        }

        @Override
        public String toString() {
            return "DigestRequest" + Arrays.toString(buckets);
        }
    }

    record DigestReply(List<Integer> buckets, List<StateStore.Summary> summaries) implements WireMessage {
        public DigestReply {
            buckets = List.copyOf(buckets);
            summaries = List.copyOf(summaries);
        }
    }

    /** Records for the peer, and keys wanted from it ({@code final} = the peer need not answer). */
    record Delta(List<FabricRecord> records, List<RecordKey> wants, boolean last) implements WireMessage {
        public Delta {
            records = List.copyOf(records);
            wants = List.copyOf(wants);
        }
    }
}
