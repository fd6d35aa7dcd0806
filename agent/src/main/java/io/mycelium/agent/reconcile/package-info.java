/**
 * The reconciler: on every fabric change and on a tick, this node decides what to run from its
 * {@link io.mycelium.fabric.ClusterView} ({@link io.mycelium.agent.reconcile.Decide}, pure: the
 * fabric's {@code Placement} for every slot, then its {@code UpdateStep} for the slots that involve
 * this node) and applies the actions ({@link io.mycelium.agent.reconcile.Reconciler}): start an
 * instance once its spore is local and verified, drain one (endpoint DRAINING, a drain period,
 * then TERM). Unplaced slots and failures stay visible with their reason.
 */
package io.mycelium.agent.reconcile;
