/**
 * Rows built from a {@link io.mycelium.fabric.ClusterView}: apps ({@link io.mycelium.client.rows.AppRows}),
 * instances with their process ids on every node ({@link io.mycelium.client.rows.InstanceRows}) and
 * plans ({@link io.mycelium.client.rows.PlanRows}). The agent serves them on its API; a console
 * that is a fabric member builds the same rows from its own view.
 */
package io.mycelium.client.rows;
