/**
 * The agent's meter: what each instance uses (CPU time and memory over time, read for its whole
 * process group from /proc), charged at the cluster's price and kept as this node's monotonic
 * {@link io.mycelium.fabric.model.Usage} counters per app, persisted so a restart never counts
 * twice, and published into the fabric where the ledger sums them.
 */
package io.mycelium.agent.meter;
