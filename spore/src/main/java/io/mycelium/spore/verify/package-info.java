/**
 * Verification: {@link io.mycelium.spore.verify.SporeReader} streams a spore once, checking the
 * DSSE signature against a {@link io.mycelium.spore.key.TrustStore} before any payload byte, then
 * each entry's size and sha256 against the signed manifest, then the zip's central directory and
 * end record. {@link io.mycelium.spore.verify.SporeVerifier} is the entry point;
 * {@link io.mycelium.spore.verify.SporeRejectedException} carries a
 * {@link io.mycelium.spore.verify.RejectReason} and a one-line message naming the file.
 */
package io.mycelium.spore.verify;
