package io.mycelium.agent.fetch;

import io.mycelium.spore.digest.Digest;
import io.mycelium.spore.manifest.Manifest;
import java.nio.file.Path;
import java.util.Objects;

/**
 * A spore that is local, verified against the publisher trust store and extracted.
 *
 * @param digest   the spore's digest
 * @param dir      where its payload files are (read-only for instances)
 * @param manifest its verified manifest
 */
public record Sprout(Digest digest, Path dir, Manifest manifest) {
    public Sprout {
        Objects.requireNonNull(digest, "digest");
        Objects.requireNonNull(dir, "dir");
        Objects.requireNonNull(manifest, "manifest");
    }
}
