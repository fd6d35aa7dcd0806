package io.mycelium.spore.verify;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

import io.mycelium.spore.digest.Digest;
import io.mycelium.spore.key.KeyId;
import io.mycelium.spore.manifest.Manifest;

/**
 * What a spore says about itself, read WITHOUT trusting it (for {@code mesh spore inspect}): nothing
 * here is verified unless {@code verifiedBy} is present.
 *
 * @param spore          the spore file
 * @param manifest       the manifest as the envelope carries it (unverified)
 * @param payloadType    the envelope's payload type
 * @param claimedSigners the key ids the signatures name (unverified)
 * @param digest         the sha256 of the whole file
 * @param sizeBytes      the file's size
 */
public record SporeInfo(Path spore, Manifest manifest, String payloadType, List<KeyId> claimedSigners, Digest digest, long sizeBytes) {
    public SporeInfo {
        Objects.requireNonNull(manifest, "manifest");
        claimedSigners = List.copyOf(claimedSigners);
    }
}
