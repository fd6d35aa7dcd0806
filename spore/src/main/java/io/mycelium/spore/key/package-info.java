/**
 * Ed25519 keys and the trust store. A {@link io.mycelium.spore.key.SigningKey} signs spores and
 * operator records; a {@link io.mycelium.spore.key.VerifyingKey} checks them; a
 * {@link io.mycelium.spore.key.TrustStore} is the directory of verifying keys that a node accepts.
 * Keys are standard PEM (PKCS#8 private, SubjectPublicKeyInfo public), so keys made by
 * {@code openssl genpkey -algorithm ed25519} work here and ours work in openssl. A key is named by
 * its {@link io.mycelium.spore.key.KeyId}: the sha256 of the raw 32-byte public key.
 */
package io.mycelium.spore.key;
