/**
 * Signing: the DSSE envelope ({@link io.mycelium.spore.sign.Envelope}) that carries a manifest's
 * exact bytes, its payload type (the manifest media type) and Ed25519 signatures over the DSSE
 * pre-authentication encoding, each with the signer's key id. Only a key in the caller's
 * {@link io.mycelium.spore.key.TrustStore} can make a signature count.
 */
package io.mycelium.spore.sign;
