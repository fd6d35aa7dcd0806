/**
 * What goes on the network: the dissemination messages ({@link io.mycelium.fabric.wire.WireMessage}),
 * their bounded binary encoding ({@link io.mycelium.fabric.wire.WireCodec}), and the cluster-key
 * envelope ({@link io.mycelium.fabric.wire.Sealer}: AES-256-GCM with a rotating
 * {@link io.mycelium.fabric.wire.Keyring} and replay protection). Nothing here uses Java serialization.
 */
package io.mycelium.fabric.wire;
