package io.mycelium.spore.manifest;

import java.util.Map;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * The software bill of materials carried in the spore, bound like any payload file.
 *
 * @param format the SBOM format, {@code CycloneDX}
 * @param file   the SBOM file, extracted like the payload
 * @param extra  fields this version does not know, kept and signed
 */
public record Sbom(String format, PayloadFile file, @JsonAnySetter @JsonAnyGetter Map<String, JsonNode> extra) {
    public Sbom {
        format = format == null ? "CycloneDX" : format;
        Objects.requireNonNull(file, "sbom.file");
        extra = Extras.copy(extra);
    }

    public Sbom(PayloadFile file) {
        this("CycloneDX", file, Map.of());
    }
}
