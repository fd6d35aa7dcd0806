package io.mycelium.spore.verify;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

import io.mycelium.spore.digest.Digest;
import io.mycelium.spore.key.KeyId;
import io.mycelium.spore.manifest.Manifest;
import io.mycelium.spore.manifest.PayloadFile;

/**
 * A spore whose signature verified under a trusted key and whose every entry matched the manifest.
 *
 * @param spore         the spore file
 * @param manifest      the signed manifest
 * @param manifestBytes the exact signed manifest bytes
 * @param signer        the trusted key that signed it
 * @param files         the bound entries (files, then the SBOM if any)
 * @param digest        the sha256 of the whole spore file
 */
public record VerifiedSpore(Path spore, Manifest manifest, byte[] manifestBytes, KeyId signer, List<PayloadFile> files, Digest digest) {
    public VerifiedSpore {
        Objects.requireNonNull(manifest, "manifest");
        Objects.requireNonNull(signer, "signer");
        Objects.requireNonNull(digest, "digest");
        manifestBytes = manifestBytes.clone();
        files = List.copyOf(files);
    }

    @Override
    public byte[] manifestBytes() {
        return manifestBytes.clone();
    }
}
