/**
 * The rollout decision core: pure functions from a {@link io.mycelium.fabric.ClusterView} snapshot
 * and the time to what an app's rollout asks of everyone now
 * ({@link io.mycelium.fabric.rollout.Rollouts#next(io.mycelium.fabric.ClusterView, String, java.time.Instant)}):
 * its phase and reason, how many instances of each revision should exist, the traffic split every
 * router applies (with the preview revision), the switch barrier it waits on, the analysis verdict,
 * and the moments the deciding node observed first, to publish as its
 * {@link io.mycelium.fabric.model.RolloutProgress}. Operator commands are built from a view by
 * {@link io.mycelium.fabric.rollout.RolloutCommands}, which refuses those that do not apply.
 * No threads, no I/O; see README.md beside this file for the glossary and the state diagram.
 */
package io.mycelium.fabric.rollout;
