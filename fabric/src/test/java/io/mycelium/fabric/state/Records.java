package io.mycelium.fabric.state;

import io.mycelium.fabric.model.Json;
import io.mycelium.fabric.model.RecordKind;
import io.mycelium.fabric.model.Telemetry;
import java.util.Map;

/** Test helpers that build records. */
public final class Records {
    private Records() {
    }

    public static FabricRecord telemetry(String node, long incarnation, long counter, double value) {
        return new FabricRecord(RecordKey.node(RecordKind.TELEMETRY, node, ""), new Version(incarnation, counter, ""),
                Json.write(new Telemetry(Map.of("x", value))), "");
    }

    public static FabricRecord tombstone(String node, long incarnation, long counter) {
        return new FabricRecord(RecordKey.node(RecordKind.TELEMETRY, node, ""), new Version(incarnation, counter, ""), null, "");
    }
}
