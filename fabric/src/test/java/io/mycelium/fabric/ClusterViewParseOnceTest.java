package io.mycelium.fabric;

import static org.assertj.core.api.Assertions.assertThat;

import io.mycelium.fabric.model.InstanceRecord;
import io.mycelium.fabric.model.InstanceState;
import io.mycelium.fabric.model.Json;
import io.mycelium.fabric.model.RecordKind;
import io.mycelium.fabric.state.FabricRecord;
import io.mycelium.fabric.state.RecordKey;
import io.mycelium.fabric.state.Version;
import io.mycelium.spore.digest.Digest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClusterViewParseOnceTest {
    private static FabricRecord instance(String node, String id) {
        InstanceRecord i = new InstanceRecord(id, "web", 0, Digest.of("v1".getBytes(StandardCharsets.UTF_8)), InstanceState.READY, 0, "");
        return new FabricRecord(RecordKey.node(RecordKind.INSTANCE, node, id), new Version(1, 1, ""), Json.write(i), "");
    }

    @Test
    void aRecordOfTheViewIsParsedOnceAndOneFromElsewhereEveryTime() {
        FabricRecord held = instance("a", "web-0");
        ClusterView view = new ClusterView("a", 0, List.of(), List.of(held, instance("a", "web-1")));
        InstanceRecord first = view.value(held, InstanceRecord.class).orElseThrow();
        assertThat(view.value(held, InstanceRecord.class).orElseThrow()).isSameAs(first);
        assertThat(view.instancesOn("a")).hasSize(2).first().isSameAs(first);
        FabricRecord other = instance("a", "web-0");
        assertThat(view.value(other, InstanceRecord.class).orElseThrow()).isEqualTo(first).isNotSameAs(first);
        assertThat(view.records(RecordKind.INSTANCE)).hasSize(2);
        assertThat(view.records(RecordKind.PLAN)).isEmpty();
    }

    @Test
    void aLaterViewTakesOverTheParsedPayloadsOfTheRecordsItHoldsUnchanged() {
        FabricRecord kept = instance("a", "web-0");
        FabricRecord before = instance("a", "web-1");
        ClusterView earlier = new ClusterView("a", 0, List.of(), List.of(kept, before));
        InstanceRecord keptValue = earlier.value(kept, InstanceRecord.class).orElseThrow();
        InstanceRecord beforeValue = earlier.value(before, InstanceRecord.class).orElseThrow();
        FabricRecord after = instance("a", "web-1");
        ClusterView later = new ClusterView("a", 1, List.of(), List.of(kept, after)).sharingParsedWith(earlier);
        assertThat(later.value(kept, InstanceRecord.class).orElseThrow()).isSameAs(keptValue);
        assertThat(later.value(after, InstanceRecord.class).orElseThrow()).isEqualTo(beforeValue).isNotSameAs(beforeValue);
        assertThat(later.sharingParsedWith(null)).isSameAs(later);
    }
}
