/**
 * The content-addressed spore store: the {@link io.mycelium.spore.store.SporeStore} boundary and
 * {@link io.mycelium.spore.store.SporeRepo}, a directory of {@code blobs/sha256/<hex>} with atomic,
 * idempotent puts (including streamed puts checked against an expected digest, as agents fetch
 * spores from peers), re-verifying reads, named refs that pin blobs, and garbage collection of
 * whatever neither a ref nor the caller's set of in-use digests names.
 */
package io.mycelium.spore.store;
