/**
 * The edge on the fabric: {@link io.mycelium.edge.fabric.FabricEndpointDirectory} turns the
 * fabric's records into the edge's per-app endpoint snapshots, with each app's split across
 * revisions from the rollout decision; {@link io.mycelium.edge.fabric.RoutingReports} publishes
 * the split this edge applies and what is still in flight to a leaving revision (the rollout's
 * switch barrier); {@link io.mycelium.edge.fabric.FabricTelemetrySink} publishes each app's
 * latency and each revision's request, error and p99 windows (the rollout analysis) as this
 * node's telemetry record.
 */
package io.mycelium.edge.fabric;
