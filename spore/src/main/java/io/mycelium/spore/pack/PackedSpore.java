package io.mycelium.spore.pack;

import java.nio.file.Path;
import java.util.Objects;

import io.mycelium.spore.digest.Digest;
import io.mycelium.spore.manifest.Manifest;

/**
 * The result of packing.
 *
 * @param path     the written {@code .spore} file
 * @param digest   the sha256 of its bytes (its name in a repo)
 * @param manifest the final, signed manifest
 */
public record PackedSpore(Path path, Digest digest, Manifest manifest) {
    public PackedSpore {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(digest, "digest");
        Objects.requireNonNull(manifest, "manifest");
    }
}
