/**
 * Content digests. A {@link io.mycelium.spore.digest.Digest} names bytes by their sha256 and is
 * written {@code sha256:<64 lowercase hex>} everywhere: the repo, plans, the API and the CLI.
 */
package io.mycelium.spore.digest;
