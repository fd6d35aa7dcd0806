/**
 * Dissemination of records: the {@link io.mycelium.fabric.gossip.Transport} boundary, its
 * in-memory implementation ({@link io.mycelium.fabric.gossip.InMemoryNetwork}) for simulation, the
 * {@link io.mycelium.fabric.gossip.Disseminator} (fast push gossip plus digest/delta anti-entropy)
 * and the {@link io.mycelium.fabric.gossip.Simulator} that runs it for thousands of nodes in one JVM.
 */
package io.mycelium.fabric.gossip;
