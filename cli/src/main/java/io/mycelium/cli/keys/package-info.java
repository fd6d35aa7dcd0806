/**
 * Key commands: {@code mesh keygen} writes an Ed25519 key pair as PEM files (PKCS#8 private,
 * SubjectPublicKeyInfo public, the formats openssl uses) through the spore module's
 * {@code SigningKey}.
 */
package io.mycelium.cli.keys;
