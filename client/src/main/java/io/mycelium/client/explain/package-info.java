/**
 * Why a slot is not running: {@link io.mycelium.client.explain.SlotPlacement} places every slot
 * from a {@link io.mycelium.fabric.ClusterView} (the agent's reconciler decides with it, a
 * console explains with it), {@link io.mycelium.client.explain.Explanations} turns unplaced,
 * waiting and failed slots into one line each.
 */
package io.mycelium.client.explain;
