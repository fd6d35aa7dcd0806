package io.mycelium.fabric.model;

import io.mycelium.spore.digest.Digest;
import java.util.List;
import java.util.Objects;

/**
 * The spores a node holds in its repository and serves to peers ({@code GET {api}/v1/spores/{digest}}):
 * an agent that lacks a spore fetches it from a live node whose holdings list it. Sorted, no duplicates.
 */
public record Holdings(List<Digest> spores) {
    public Holdings {
        Objects.requireNonNull(spores, "spores");
        spores = spores.stream().distinct().sorted(java.util.Comparator.comparing(Digest::toString)).toList();
    }

    public boolean holds(Digest d) {
        return spores.contains(d);
    }
}
