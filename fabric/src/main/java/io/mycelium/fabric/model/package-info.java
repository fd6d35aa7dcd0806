/**
 * The typed payloads the fabric carries: node-owned records ({@link io.mycelium.fabric.model.NodeInfo},
 * {@link io.mycelium.fabric.model.Capacity}, {@link io.mycelium.fabric.model.Telemetry}, {@link io.mycelium.fabric.model.Holdings},
 * {@link io.mycelium.fabric.model.InstanceRecord}, {@link io.mycelium.fabric.model.EndpointRecord},
 * {@link io.mycelium.fabric.model.RolloutProgress}, {@link io.mycelium.fabric.model.RoutingReport}) and the
 * signed operator records ({@link io.mycelium.fabric.model.Plan}, {@link io.mycelium.fabric.model.Budget},
 * {@link io.mycelium.fabric.model.RolloutCommand}), with the one JSON mapping ({@link io.mycelium.fabric.model.Json})
 * every node uses so that the same value always encodes to the same bytes.
 */
package io.mycelium.fabric.model;
