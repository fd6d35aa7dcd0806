/**
 * The replicated state: versioned {@link io.mycelium.fabric.state.FabricRecord}s keyed by
 * {@link io.mycelium.fabric.state.RecordKey}, the merge rule that makes every copy converge
 * ({@link io.mycelium.fabric.state.StateStore}), operator signatures
 * ({@link io.mycelium.fabric.state.OperatorRecords}), the hybrid logical clock, and persistence to disk.
 * See README.md beside this file for the glossary.
 */
package io.mycelium.fabric.state;
