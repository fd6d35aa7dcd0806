/**
 * The edge on the fabric: {@link io.mycelium.edge.fabric.FabricEndpointDirectory} turns the
 * fabric's endpoint, plan and rollout records into the edge's per-app endpoint snapshots (with
 * the active revision), and {@link io.mycelium.edge.fabric.FabricTelemetrySink} publishes each
 * app's latency as this node's telemetry record, where the ledger and autoscaling read it.
 */
package io.mycelium.edge.fabric;
