/**
 * The fabric: decentralized membership and replicated cluster state. {@link io.mycelium.fabric.Fabric}
 * is the facade (start/close, {@link io.mycelium.fabric.ClusterView} snapshots, change listeners,
 * publishing this node's records, submitting signed operator records);
 * {@link io.mycelium.fabric.FabricNode} assembles a real member (ScaleCube, sealed traffic, mDNS).
 */
package io.mycelium.fabric;
