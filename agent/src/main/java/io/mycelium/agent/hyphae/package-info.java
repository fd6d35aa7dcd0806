/**
 * The hyphae router: how one app calls another. Each agent runs the edge's proxy engine twice, as
 * a library: a listener for its own workloads ({@code MYCELIUM_HYPHAE}) that sends a call to a
 * Ready instance of the target app, directly when the instance is on this node and through the
 * owning node's router otherwise, and an overlay listener where other nodes' routers deliver calls
 * to this node's instances. Which instances, which revision and which weights come from the same
 * fabric directory and rollout decision the edge uses ({@link io.mycelium.agent.hyphae.HyphaeRoutes}
 * only maps each endpoint to the address a caller on this node must use).
 */
package io.mycelium.agent.hyphae;
