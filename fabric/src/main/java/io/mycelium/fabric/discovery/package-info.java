/**
 * Finding peers: mDNS announcement and browsing of {@code _mycelium._tcp.local.} bound to one
 * explicit interface ({@link io.mycelium.fabric.discovery.MdnsDiscovery}), and the on-disk list of
 * last-known peers used as extra seeds ({@link io.mycelium.fabric.discovery.PeerMemory}).
 */
package io.mycelium.fabric.discovery;
