package io.mycelium.spore.store;

import java.util.List;

import io.mycelium.spore.digest.Digest;

/**
 * What a garbage collection did.
 *
 * @param removed    the blobs removed
 * @param kept       the blobs kept
 * @param freedBytes the bytes the removed blobs took
 */
public record GcResult(List<Digest> removed, List<Digest> kept, long freedBytes) {
    public GcResult {
        removed = List.copyOf(removed);
        kept = List.copyOf(kept);
    }
}
