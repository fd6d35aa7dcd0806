/**
 * The console's view-model: immutable {@link io.mycelium.console.model.ClusterSnapshot}s (nodes,
 * apps, instances, rollouts, events, health) built from fabric views, one
 * {@link io.mycelium.console.model.ClusterSession} per open cluster, and
 * {@link io.mycelium.console.model.ConsoleModel}, which front ends draw and call.
 */
package io.mycelium.console.model;
