package io.mycelium.spore.manifest;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * The resources one instance asks for: the ledger admits it only if a node has them.
 *
 * @param cpuMilli thousandths of a CPU core
 * @param memoryMb megabytes of memory
 * @param extra    fields this version does not know, kept and signed
 */
public record Nutrients(long cpuMilli, long memoryMb, @JsonAnySetter @JsonAnyGetter Map<String, JsonNode> extra) {
    public Nutrients {
        Manifests.requireNonNegative(cpuMilli, "nutrients.cpu_milli");
        Manifests.requireNonNegative(memoryMb, "nutrients.memory_mb");
        extra = Extras.copy(extra);
    }

    public Nutrients(long cpuMilli, long memoryMb) {
        this(cpuMilli, memoryMb, Map.of());
    }
}
