package io.mycelium.spore.manifest;

import java.util.Map;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.databind.JsonNode;

import io.mycelium.spore.digest.Digest;

/**
 * One file of the payload, bound by its sha256 and size.
 *
 * @param path       where it is extracted, relative (see {@link PayloadPath})
 * @param sha256     the digest of its bytes, {@code sha256:<hex>}
 * @param size       its length in bytes
 * @param executable whether it is extracted with execute permission
 * @param extra      fields this version does not know, kept and signed
 */
public record PayloadFile(String path, String sha256, long size, boolean executable,
        @JsonAnySetter @JsonAnyGetter Map<String, JsonNode> extra) {
    public PayloadFile {
        PayloadPath.check(path, "file path");
        Objects.requireNonNull(sha256, "file " + path + ": sha256");
        Digest.parse(sha256);
        Manifests.requireNonNegative(size, "file " + path + ": size");
        extra = Extras.copy(extra);
    }

    public PayloadFile(String path, Digest sha256, long size, boolean executable) {
        this(path, sha256.toString(), size, executable, Map.of());
    }

    /** The parsed digest. */
    public Digest digest() {
        return Digest.parse(sha256);
    }
}
