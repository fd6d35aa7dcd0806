/**
 * The edge: a Helidon SE reverse proxy that routes {@code /{app}/...} (or {@code {app}.<domain>})
 * to the Ready endpoints of the revisions the app's split names (weights, preview). {@link io.mycelium.edge.EdgeServer} starts
 * it from an {@link io.mycelium.edge.EdgeConfig}, an {@link io.mycelium.edge.route.EndpointDirectory}
 * and a {@link io.mycelium.edge.observe.TelemetrySink}; {@link io.mycelium.edge.EdgeMain} runs a
 * standalone edge with static routes (for the benchmark and local trials).
 */
package io.mycelium.edge;
